"""A database-level guard for the append-only audit trail.

The model and its queryset already refuse updates and deletes; this trigger also stops
raw SQL and anything else that bypasses the ORM. On PostgreSQL it refuses UPDATE and
DELETE of rows (TRUNCATE stays possible for the table owner, which is how Django's test
runner empties tables). On SQLite it refuses UPDATE only: Django empties SQLite tables
with DELETE (``flush``, used by transactional and live-server tests), so a DELETE trigger
there would break the test suite; SQLite is for development, PostgreSQL for production.
"""

from django.db import migrations

POSTGRESQL_AAN = """
CREATE OR REPLACE FUNCTION audit_auditevent_onveranderlijk() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'De audittrail is onveranderlijk: % op audit_auditevent is niet toegestaan.', TG_OP
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS audit_auditevent_onveranderlijk ON audit_auditevent;
CREATE TRIGGER audit_auditevent_onveranderlijk
    BEFORE UPDATE OR DELETE ON audit_auditevent
    FOR EACH ROW EXECUTE FUNCTION audit_auditevent_onveranderlijk();
"""
POSTGRESQL_UIT = """
DROP TRIGGER IF EXISTS audit_auditevent_onveranderlijk ON audit_auditevent;
DROP FUNCTION IF EXISTS audit_auditevent_onveranderlijk();
"""
SQLITE_AAN = """
CREATE TRIGGER IF NOT EXISTS audit_auditevent_onveranderlijk
BEFORE UPDATE ON audit_auditevent
BEGIN
    SELECT RAISE(ABORT, 'De audittrail is onveranderlijk: UPDATE op audit_auditevent is niet toegestaan.');
END;
"""
SQLITE_UIT = "DROP TRIGGER IF EXISTS audit_auditevent_onveranderlijk;"

SQL = {"postgresql": (POSTGRESQL_AAN, POSTGRESQL_UIT), "sqlite": (SQLITE_AAN, SQLITE_UIT)}


def aan(apps, schema_editor):
    sql = SQL.get(schema_editor.connection.vendor)
    if sql:
        schema_editor.execute(sql[0], params=None)


def uit(apps, schema_editor):
    sql = SQL.get(schema_editor.connection.vendor)
    if sql:
        schema_editor.execute(sql[1], params=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_initial")]

    operations = [migrations.RunPython(aan, uit, elidable=False)]
