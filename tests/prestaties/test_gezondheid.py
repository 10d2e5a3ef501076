import pytest


@pytest.mark.django_db
def test_live_en_gereed_antwoorden_zonder_inloggen(client):
    assert client.get("/gezondheid/live").json() == {"status": "ok"}
    assert client.get("/gezondheid/gereed").json() == {"status": "ok"}


@pytest.mark.django_db
def test_live_raakt_de_database_niet(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert client.get("/gezondheid/live").status_code == 200
