"""digonce:createregister: an administrator creates (or upgrades) the shared register in an
existing PostgreSQL + PostGIS database, and adds organisations and their members.

Also home of the connection helpers the register algorithms share: a QGIS PostgreSQL
connection chosen by name (and optionally an authentication configuration), never a password.
"""

from __future__ import annotations

from typing import Any

from qgis.core import (
    QgsDataSourceUri,
    QgsProcessingException,
    QgsProcessingOutputString,
    QgsProcessingParameterAuthConfig,
    QgsProcessingParameterProviderConnection,
    QgsProcessingParameterString,
    QgsProviderConnectionException,
    QgsProviderRegistry,
)
from qgis.PyQt.QtCore import QVariant

from ..plugin.register import Register, RegisterError, supported_version
from ..plugin.toolbelt.i18n import tr
from .base import BaseAlgorithm

CONNECTION = "CONNECTION"
AUTHCFG = "AUTHCFG"
ORGANISATION = "ORGANISATION"


def connection_parameters(alg: BaseAlgorithm) -> None:
    """The CONNECTION parameter (a PostgreSQL connection saved in QGIS) and AUTHCFG."""
    alg.add(
        QgsProcessingParameterProviderConnection(
            CONNECTION, tr("Register connection (PostgreSQL)"), "postgres"
        ),
        tr(
            "A PostgreSQL connection saved in QGIS (Browser > PostgreSQL > New Connection) to the register's "
            "database, logging in with your own role. Give its password through an authentication "
            "configuration, never in the connection itself."
        ),
    )
    alg.add(
        QgsProcessingParameterAuthConfig(AUTHCFG, tr("Authentication configuration"), optional=True),
        tr(
            "Optional: an authentication configuration (Settings > Options > Authentication) used instead of "
            "the connection's own, e.g. another person's login on a shared machine."
        ),
        advanced=True,
    )


def organisation_parameter(alg: BaseAlgorithm) -> None:
    alg.add(
        QgsProcessingParameterString(ORGANISATION, tr("Organisation (code)"), optional=True),
        tr("Only when your login acts for several organisations: the code of the one to act for."),
        advanced=True,
    )


def _plain(value: Any) -> Any:
    """A value from ``executeSql`` as plain Python (QVariant NULL -> None)."""
    if value is None or (isinstance(value, QVariant) and value.isNull()):
        return None
    if isinstance(value, QVariant):
        return value.value()
    return value


def register_from_connection(name: str, authcfg: str | None = None) -> Register:
    """The :class:`Register` behind QGIS's PostgreSQL connection ``name``. Raises
    ``QgsProcessingException`` naming the connection when there is no such connection."""
    metadata = QgsProviderRegistry.instance().providerMetadata("postgres")
    if metadata is None:
        raise QgsProcessingException(tr("QGIS's PostgreSQL provider is not available in this installation."))
    try:
        connection = metadata.findConnection(name) if name else None
    except QgsProviderConnectionException:
        connection = None
    if connection is None:
        raise QgsProcessingException(
            tr(
                "There is no PostgreSQL connection named {name!r} in QGIS: add it in the Browser "
                "(PostgreSQL > New Connection) with an authentication configuration for the password."
            ).format(name=name)
        )
    if authcfg:
        uri = QgsDataSourceUri(connection.uri())
        uri.setPassword("")
        uri.setAuthConfigId(authcfg)
        connection = metadata.createConnection(uri.uri(False), {})

    def execute(sql: str) -> list[list[Any]]:
        return [[_plain(v) for v in row] for row in connection.executeSql(sql)]

    return Register(execute, name)


def open_register(alg: BaseAlgorithm, parameters, context) -> Register:
    name = alg.parameterAsConnectionName(parameters, CONNECTION, context)
    authcfg = alg.parameterAsString(parameters, AUTHCFG, context) or None
    return register_from_connection(name, authcfg)


def stored_password_warning(name: str) -> str | None:
    """A sentence when QGIS's connection ``name`` keeps a password in the settings."""
    metadata = QgsProviderRegistry.instance().providerMetadata("postgres")
    try:
        connection = metadata.findConnection(name)
    except QgsProviderConnectionException:
        return None
    if connection is not None and QgsDataSourceUri(connection.uri()).password():
        return tr(
            "Connection {name!r} keeps a password in QGIS's settings: prefer an authentication configuration "
            "(edit the connection, Authentication > Configurations)."
        ).format(name=name)
    return None


class CreateRegister(BaseAlgorithm):
    ORGANISATIONS = "ORGANISATIONS"

    def name(self) -> str:
        return "createregister"

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Create or upgrade the shared register")

    def shortHelpString(self) -> str:  # noqa: N802
        return self.tr(
            "For the register's administrator. Creates the Dig Once shared register in an existing "
            "PostgreSQL database with PostGIS, or upgrades it to this plugin's version, and adds "
            "organisations and their members. Run it again at any time: it changes only what is missing.\n\n"
            "What it makes: a schema digonce with the works and plans of every organisation, a "
            "publication log and the organisations with a contact; one group role per organisation "
            "(digonce_org_<code>); row-level security on every table, so that each organisation reads "
            "and writes its own rows, reads the rows others published as shared or public, and can never "
            "change another's; and the blind-matching function, which tells an organisation that one of "
            "its plans meets a private plan of another, and with whom to talk, without showing that plan.\n\n"
            "The administrator needs CREATEROLE and the right to create schemas in the database (or is a "
            "superuser); PostGIS must be installed on the server. People log in with their own role, "
            "made a member of their organisation's.\n\n"
            "ORGANISATIONS: one per line, fields separated by |: code | name | contact | logins (comma-"
            "separated). The code is 1 to 40 lower-case letters, digits or _. Example:\n"
            "thames_water | Thames Water | streetworks@example.org | jsmith, apatel\n\n"
            "Versions: the register records each migration applied (digonce.schema_version). A register "
            "newer than this plugin, or whose applied migrations differ from the ones shipped, is left "
            "untouched and said so."
        )

    def initAlgorithm(self, config=None):  # noqa: N802
        connection_parameters(self)
        self.add(
            QgsProcessingParameterString(
                self.ORGANISATIONS, self.tr("Organisations to add"), multiLine=True, optional=True
            ),
            self.tr("One per line: code | name | contact | logins (comma-separated). Empty: none."),
        )
        self.add_counts(
            {
                "VERSION": self.tr("Register version"),
                "APPLIED": self.tr("Migrations applied"),
                "ORGANISATIONS_ADDED": self.tr("Organisations added or updated"),
            }
        )
        self.addOutput(QgsProcessingOutputString("ROLES", self.tr("Organisation roles")))

    def _organisations(self, text: str) -> list[tuple[str, str, str | None, list[str]]]:
        out = []
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            parts = [p.strip() for p in line.split("|")]
            if len(parts) < 2 or not parts[0]:
                raise QgsProcessingException(
                    self.tr(
                        "ORGANISATIONS line {n}: write code | name | contact | logins, not {line!r}"
                    ).format(n=number, line=line)
                )
            parts += [""] * (4 - len(parts))
            logins = [p.strip() for p in parts[3].split(",") if p.strip()]
            out.append((parts[0], parts[1] or parts[0], parts[2] or None, logins))
        return out

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        name = self.parameterAsConnectionName(parameters, CONNECTION, context)
        organisations = self._organisations(self.parameterAsString(parameters, self.ORGANISATIONS, context))
        register = open_register(self, parameters, context)
        warning = stored_password_warning(name)
        if warning:
            feedback.pushWarning(warning)
        roles = []
        try:
            before = register.version() or 0
            applied = register.migrate()
            for version in applied:
                feedback.pushInfo(self.tr("Migration {v:03d} applied").format(v=version))
            if not applied:
                feedback.pushInfo(self.tr("The register is already at version {v}").format(v=before))
            for code, org_name, contact, logins in organisations:
                if feedback.isCanceled():
                    break
                role = register.add_organisation(code, org_name, contact)
                roles.append(role)
                for login in logins:
                    register.add_member(code, login)
                feedback.pushInfo(
                    self.tr("Organisation {code}: role {role}, members: {logins}").format(
                        code=code, role=role, logins=", ".join(logins) or "-"
                    )
                )
            version = register.check_version()
        except RegisterError as exc:
            raise QgsProcessingException(str(exc)) from exc
        return {
            "VERSION": version,
            "APPLIED": len(applied),
            "ORGANISATIONS_ADDED": len(roles),
            "ROLES": ", ".join(roles),
        }


__all__ = [
    "AUTHCFG",
    "CONNECTION",
    "ORGANISATION",
    "CreateRegister",
    "connection_parameters",
    "open_register",
    "organisation_parameter",
    "register_from_connection",
    "stored_password_warning",
    "supported_version",
]
