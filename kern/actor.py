"""Who acts: a user, or the system named out loud."""


class Systeem:
    """The actor of work nobody started by hand (the deadline job, background rendering).

    It is passed explicitly and has no role: the permission predicates let it do only what
    they name it for (``is_systeem``). In the audit trail it shows as an empty actor."""

    pk = None
    id = None
    organisatie_id = None
    is_authenticated = True
    is_active = True
    is_systeem = True
    is_secretaris = False
    is_ministerie = False
    is_organisatie_medewerker = False
    is_accordeerder = False

    def __str__(self):
        return "systeem"

    def __repr__(self):
        return "SYSTEEM"


#: The one system actor.
SYSTEEM = Systeem()


def vereis_actor(actor):
    """Services take a user or :data:`SYSTEEM`; ``None`` is a bug, not 'skip the checks'."""
    if actor is None:
        raise TypeError("Geef een actor mee: een gebruiker of kern.workflow.SYSTEEM.")
    return actor
