"""An invitation gives the invited organisation its response."""

from ..models import Reactie


def reacties_voor_uitnodiging(*, consultatie, organisaties) -> None:
    """Give every organisation of ``organisaties`` (newly invited by
    ``consultaties.services.consultatie_uitnodigen``) a response in ``uitgenodigd``; in a
    hertoets linked to the organisation's response to the earlier consultation.

    Subscribed to ``consultatie.organisaties_uitgenodigd``, which the invitation publishes
    inside its transaction: the responses are created, or rolled back, with it."""
    vorige = {}
    if consultatie.vorige_consultatie_id:
        vorige = {
            r.organisatie_id: r
            for r in Reactie.objects.filter(consultatie_id=consultatie.vorige_consultatie_id)
        }
    Reactie.objects.bulk_create(
        Reactie(consultatie=consultatie, organisatie=o, vorige_reactie=vorige.get(o.pk))
        for o in organisaties
    )
