"""When did an object last change: for API clients that poll (``?gewijzigdSinds=``)."""


class GewijzigdOpBijgehouden:
    """Model mixin for a ``gewijzigd_op`` field with ``auto_now``.

    ``auto_now`` only writes when the field is saved, and our saves name their
    ``update_fields`` (a transition saves ``["status"]``): so every partial save here also
    writes ``gewijzigd_op``. A queryset ``update()`` must set it itself.
    """

    def save(self, *args, update_fields=None, **kwargs):
        if update_fields is not None:
            update_fields = {*update_fields, "gewijzigd_op"}
        super().save(*args, update_fields=update_fields, **kwargs)
