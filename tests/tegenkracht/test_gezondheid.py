import pytest


@pytest.mark.django_db
def test_live_en_gereed_antwoorden_zonder_inloggen(client):
    assert client.get("/gezondheid/live").json() == {"status": "ok"}
    assert client.get("/gezondheid/gereed").json() == {"status": "ok"}


@pytest.mark.django_db
def test_live_raakt_de_database_niet(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert client.get("/gezondheid/live").status_code == 200


def test_objectopslag_wordt_gekozen_met_s3_bucket():
    """Several servers share files through object storage when S3_BUCKET is set."""
    import os
    import subprocess
    import sys

    code = (
        "import django; django.setup();"
        "from django.core.files.storage import storages;"
        "s = storages['default']; print(type(s).__name__, s.bucket_name, s.default_acl)"
    )
    env = {
        **os.environ,
        "S3_BUCKET": "tegenkracht-test",
        "DJANGO_SETTINGS_MODULE": "tegenkracht.settings",
    }
    uitvoer = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout
    assert uitvoer.split() == ["S3Storage", "tegenkracht-test", "private"]
