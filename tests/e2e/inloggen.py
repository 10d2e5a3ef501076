"""A browser page logged in as a test user, in the language and width a test asks for."""

import re

WACHTWOORD = "geheim-wachtwoord-123"  # tests.factories sets it for every user


def ingelogde_pagina(browser, live_server, gebruiker, breedte, taal="nl", javascript=True):
    context = browser.new_context(
        locale="nl-NL",
        viewport={"width": breedte, "height": 700},
        java_script_enabled=javascript,
    )
    context.add_cookies([{"name": "django_language", "value": taal, "url": live_server.url}])
    pagina = context.new_page()
    pagina.goto(live_server.url + "/accounts/login/")
    pagina.fill("#id_username", gebruiker.username)
    pagina.fill("#id_password", WACHTWOORD)
    pagina.click("main button[type=submit]")
    pagina.wait_for_url(re.compile(r"^(?!.*login).*$"))
    return pagina
