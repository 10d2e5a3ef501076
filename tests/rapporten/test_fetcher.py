"""The renderer fetches nothing but our own static files and the charts it generated."""

import pytest

from rapporten import pdf

VIJANDIGE_HTML = """<!DOCTYPE html><html lang="nl"><head><title>t</title>
<link rel="stylesheet" href="http://evil.example/x.css">
<link rel="stylesheet" href="https://evil.example/y.css">
<style>body { background: url(https://evil.example/bg.png); }
@import url("file:///etc/passwd");</style></head>
<body><h1>Aanval</h1>
<img src="file:///etc/passwd" alt="x">
<img src="ftp://evil.example/z.png" alt="x">
<img src="data:image/svg+xml;base64,PHN2Zy8+" alt="x">
<img src="static:../../tegenkracht/settings.py" alt="x">
<div style="background-image: url(http://evil.example/div.png)">tekst</div>
<object data="file:///etc/shadow"></object>
<iframe src="http://evil.example/frame"></iframe>
</body></html>"""


def test_renderer_weigert_file_http_en_onbekende_data():
    resultaat = pdf.html_naar_pdf(VIJANDIGE_HTML)
    geweigerd = resultaat.fetcher.geweigerd
    opgevraagd = set(resultaat.fetcher.opgevraagd)
    assert opgevraagd == set(geweigerd), "alles wat werd opgevraagd, werd geweigerd"
    for url in [
        "http://evil.example/x.css",
        "https://evil.example/y.css",
        "https://evil.example/bg.png",
        "file:///etc/passwd",
        "http://evil.example/div.png",
    ]:
        assert url in geweigerd
    assert resultaat.pdf.startswith(b"%PDF")


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://127.0.0.1:8000/admin/",
        "https://evil.example/x.png",
        "ftp://evil.example/x",
        "data:text/html;base64,PHNjcmlwdD4=",
        "static:../../tegenkracht/settings.py",
        "static:/etc/passwd",
        "static:rapporten/pdf/bestaat-niet.css",
        "static:admin/js/core.js",
        "javascript:alert(1)",
    ],
)
def test_fetcher_weigert(url):
    fetcher = pdf.VeiligeFetcher()
    with pytest.raises(pdf.GeweigerdeURL):
        fetcher.fetch(url)
    assert fetcher.geweigerd == [url]


def test_fetcher_levert_eigen_stylesheet_en_gegenereerde_grafiek():
    grafiek = "data:image/svg+xml;base64,PHN2Zy8+"
    fetcher = pdf.VeiligeFetcher([grafiek])
    css = fetcher.fetch("static:rapporten/pdf/rapport.css")
    assert b"@page" in css.read()
    assert fetcher.fetch(grafiek).read() == b"<svg/>"
    assert fetcher.geweigerd == []
