"""Translation helpers: ``tr`` and the plugin's QTranslator."""

from __future__ import annotations

from qgis.core import QgsSettings
from qgis.PyQt.QtCore import QCoreApplication, QLocale, QTranslator

from .resources import i18n_path

PLUGIN_SLUG = "dig_once"


def tr(message: str, context: str = "@default") -> str:
    """Translate ``message`` in ``context`` (use ``.format`` after, never an f-string inside)."""
    return QCoreApplication.translate(context, message)


def user_locale() -> str:
    """The two-letter locale QGIS runs in (``locale/userLocale``, else the system's)."""
    value = QgsSettings().value("locale/userLocale", "") or QLocale().name()
    return str(value)[0:2]


def install_translator(locale: str | None = None) -> QTranslator | None:
    """Load ``i18n/dig_once_<locale>.qm`` into the application; return it for removal."""
    locale = locale or user_locale()
    qm = i18n_path(f"{PLUGIN_SLUG}_{locale}.qm")
    if not qm.exists():
        return None
    translator = QTranslator()
    if not translator.load(str(qm)):
        return None
    QCoreApplication.installTranslator(translator)
    return translator


def remove_translator(translator: QTranslator | None) -> None:
    """Undo :func:`install_translator`."""
    if translator is not None:
        QCoreApplication.removeTranslator(translator)
