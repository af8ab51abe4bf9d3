"""Every import sits on the one import base (processing_algorithms/_import_base.py): STORE,
AUTHCFG for address inputs and a help text for every parameter come from one place."""

from __future__ import annotations

from qgis.core import QgsApplication

from dig_once.processing_algorithms._import_base import ImportAlgorithm


def test_every_import_algorithm_derives_from_the_import_base_with_store_authcfg_and_help(plugin_provider):
    imports = [alg for alg in plugin_provider.algorithms() if alg.groupId() == "import"]
    assert len(imports) >= 8, [alg.id() for alg in imports]
    for listed in imports:
        alg = QgsApplication.processingRegistry().algorithmById(listed.id())
        assert isinstance(alg, ImportAlgorithm), alg.id()
        names = [p.name() for p in alg.parameterDefinitions()]
        assert "STORE" in names, alg.id()
        # every input that may be an http(s) address takes its credentials from QGIS (a works
        # layer is opened by QGIS itself)
        assert ("AUTHCFG" in names) == (alg.id() != "digonce:importworks"), alg.id()
        no_help = [p.name() for p in alg.parameterDefinitions() if not p.help().strip()]
        assert not no_help, f"{alg.id()}: parameters without help: {no_help}"
        assert alg.outputDefinition("MESSAGE") is not None, alg.id()
