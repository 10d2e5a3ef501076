"""Commands started by cron (every minute, every day) or per paper do not pay for the
system checks on every run (issue 19): those are for deployments and ``manage.py check``."""

from unittest import mock

import pytest
from django.core.management import CommandError, get_commands, load_command_class
from django.core.management.base import BaseCommand

pytestmark = pytest.mark.django_db


def _als_vanaf_de_opdrachtregel(naam, *argumenten):
    """Parse and execute as ``manage.py naam argumenten`` does (``call_command`` skips
    the checks always); returns how often the system checks ran."""
    opdracht = load_command_class(get_commands()[naam], naam)
    opties = vars(opdracht.create_parser("manage.py", naam).parse_args(argumenten))
    with mock.patch.object(BaseCommand, "check") as check:
        opdracht.execute(*opties.pop("args", ()), **opties)
    return check.call_count


@pytest.mark.parametrize("naam", ["verwerk_termijnen", "verstuur_dagoverzichten"])
def test_geplande_opdracht_slaat_de_systeemcontroles_over(naam):
    assert _als_vanaf_de_opdrachtregel(naam, "--als-taak") == 0


def test_rapport_per_paper_slaat_ze_over(tmp_path):
    """The checks would come before handle(); an unknown kenmerk fails only in handle()."""
    opdracht = load_command_class("rapporten", "rapport")
    opties = vars(
        opdracht.create_parser("manage.py", "rapport").parse_args(
            ["ONBEKEND", "-o", str(tmp_path / "x.pdf")]
        )
    )
    with (
        mock.patch.object(BaseCommand, "check") as check,
        pytest.raises(CommandError, match="Geen consultatie"),
    ):
        opdracht.execute(**opties)
    check.assert_not_called()


def test_een_gewone_opdracht_doet_ze_wel():
    """The control: a command that asks for the checks runs them this way."""
    assert _als_vanaf_de_opdrachtregel("showmigrations", "--list", "sessions") == 1
