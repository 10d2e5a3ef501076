"""Who may manage accounts. The secretariat manages the accounts of the network; nobody
manages himself through these paths (no self-promotion, no locking oneself out), and
superusers belong to the operators (``createsuperuser``), not to the application."""


def kan_gebruikers_beheren(user) -> bool:
    return bool(user.is_authenticated and user.is_secretaris)


def kan_gebruiker_beheren(user, gebruiker) -> bool:
    return kan_gebruikers_beheren(user) and gebruiker.pk != user.pk and not gebruiker.is_superuser
