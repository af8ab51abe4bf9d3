"""Processing algorithms of Dig Once: one ``<verb_noun>.py`` module per algorithm."""
