"""Who may manage webhook subscriptions. Plain predicates ``(user, obj)``."""

from organisaties.permissions import is_actief, is_beheerder


def kan_abonnementen_beheren(user, obj=None) -> bool:
    """Every active user of an organisation manages that organisation's subscriptions;
    each receives only what its creator may see. A beheerder manages accounts and sees
    nothing of the workflow, so it has no subscriptions either."""
    return is_actief(user) and bool(user.organisatie_id) and not is_beheerder(user)


def kan_abonnement_beheren(user, abonnement) -> bool:
    return kan_abonnementen_beheren(user) and abonnement.organisatie_id == user.organisatie_id
