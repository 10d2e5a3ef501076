"""Real concurrency for the PostgreSQL tests: each task in its own thread and database
connection, released together by a barrier."""

import threading

from django.db import connections


def tegelijk(*taken) -> list:
    """Run the tasks at the same moment; each one's result, or the exception it raised,
    in the order given."""
    barriere = threading.Barrier(len(taken), timeout=10)
    uitkomsten = [None] * len(taken)

    def draai(index, taak):
        try:
            barriere.wait()
            uitkomsten[index] = taak()
        except Exception as fout:  # the caller decides what was expected
            uitkomsten[index] = fout
        finally:
            connections.close_all()

    threads = [threading.Thread(target=draai, args=(i, t)) for i, t in enumerate(taken)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "een taak bleef hangen"
    return uitkomsten


def zonder_fouten(uitkomsten: list) -> list:
    """The results, after asserting that no task raised."""
    fouten = [u for u in uitkomsten if isinstance(u, Exception)]
    assert fouten == []
    return uitkomsten
