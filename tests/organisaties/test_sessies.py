"""Session lifetime: idle and absolute timeouts, enforced server-side; and the settings
refusing a production start without a secret key (#12)."""

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.inloggen import wachtwoord_inloggen

pytestmark = pytest.mark.django_db


@pytest.fixture
def klok(time_machine):
    time_machine.move_to(timezone.now(), tick=False)

    def verder(**tijd):
        time_machine.move_to(timezone.now() + timedelta(**tijd), tick=False)

    return verder


def test_sessie_verloopt_na_dertig_minuten_niets_doen(client, opsteller_a, klok):
    wachtwoord_inloggen(client, opsteller_a)
    assert client.get("/").status_code == 200
    klok(minutes=31)
    antwoord = client.get("/")
    assert antwoord.status_code == 302
    assert antwoord["Location"].startswith("/accounts/login/")
    assert "_auth_user_id" not in client.session  # flushed server-side, not only the cookie
    klok(minutes=1)
    assert client.get("/").status_code == 302


def test_wie_actief_blijft_blijft_ingelogd_tot_de_absolute_grens(client, opsteller_a, klok):
    wachtwoord_inloggen(client, opsteller_a)
    for _ in range(15):  # 7.5 hours, a click every 30 minutes
        klok(minutes=29, seconds=59)
        assert client.get("/").status_code == 200
    klok(minutes=29)  # 7 h 58 min after login: still in; two minutes later it is over
    assert client.get("/").status_code == 200
    klok(minutes=2)
    assert client.get("/")["Location"].startswith("/accounts/login/")


def test_inactiviteitsgrens_is_instelbaar(client, opsteller_a, klok, settings):
    settings.SESSIE_INACTIEF_MINUTEN = 5
    wachtwoord_inloggen(client, opsteller_a)
    klok(minutes=4)
    assert client.get("/").status_code == 200
    klok(minutes=6)
    assert client.get("/").status_code == 302


def test_api_sessie_verloopt_ook(client, opsteller_a, klok):
    wachtwoord_inloggen(client, opsteller_a)
    assert client.get("/api/v1/organisaties").status_code == 200
    klok(minutes=31)
    assert client.get("/api/v1/organisaties").status_code == 401


def test_inloggen_geeft_een_nieuwe_sessie_id(client, opsteller_a):
    client.get("/accounts/login/")
    client.session.save()
    voor = client.session.session_key
    wachtwoord_inloggen(client, opsteller_a)
    assert client.session.session_key != voor


def test_uitloggen_beeindigt_de_sessie_op_de_server(client, opsteller_a):
    from django.contrib.sessions.models import Session

    wachtwoord_inloggen(client, opsteller_a)
    sleutel = client.session.session_key
    client.post("/accounts/logout/")
    assert not Session.objects.filter(session_key=sleutel).exists()


ROOT = Path(__file__).resolve().parents[2]


def _start(**env):
    omgeving = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG")}
    omgeving.pop("DJANGO_SETTINGS_MODULE", None)
    omgeving.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=omgeving,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_zonder_secret_key_en_zonder_debug_start_de_applicatie_niet(tmp_path):
    resultaat = _start(DEBUG="0", VAR_DIR=str(tmp_path))
    assert resultaat.returncode != 0
    assert "ImproperlyConfigured" in resultaat.stderr
    assert "SECRET_KEY ontbreekt" in resultaat.stderr


def test_met_debug_start_de_ontwikkelomgeving_zonder_secret_key(tmp_path):
    assert _start(DEBUG="1", VAR_DIR=str(tmp_path)).returncode == 0


def test_de_sessiegebruiker_komt_met_zijn_organisatie(client, opsteller_a, org_a):
    """The menu on every page shows the user's organisation: it comes with the user, in the
    query that loads him for the session, not in one of its own."""
    from django.contrib.auth import get_user
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(opsteller_a)
    verzoek = client.get(reverse("notificaties:lijst")).wsgi_request
    verzoek.session = client.session
    verzoek.session.items()  # the session's own query, not the one counted here
    with CaptureQueriesContext(connection) as queries:
        user = get_user(verzoek)
        assert user.organisatie.afkorting == org_a.afkorting
    assert len(queries) == 1


def test_een_gedeactiveerde_sessiegebruiker_is_niemand(client, opsteller_a):
    from django.contrib.auth import get_user

    client.force_login(opsteller_a)
    verzoek = client.get(reverse("notificaties:lijst")).wsgi_request
    verzoek.session = client.session
    opsteller_a.is_active = False
    opsteller_a.save()
    assert not get_user(verzoek).is_authenticated
