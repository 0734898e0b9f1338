"""Common given names and family names per Nordic country, for the synthetic contact persons.

Names often registered in each country, women's and men's given names apart. Iceland uses
patronymics: a father's name in the genitive plus -son or -dóttir, so an Icelander's family
name follows from their gender (``ICELANDIC_FATHERS``).
"""

from __future__ import annotations


def _names(text: str) -> tuple[str, ...]:
    return tuple(text.split())


FIRST_NAMES: dict[str, dict[str, tuple[str, ...]]] = {
    "SE": {
        "f": _names("Anna Eva Maria Karin Sara Emma Linnea Sofia Elin Johanna"),
        "m": _names("Lars Johan Anders Mikael Erik Per Karl Fredrik Oskar Jonas"),
    },
    "NO": {
        "f": _names("Kari Marit Hanne Silje Ida Nora Ragnhild Tone Heidi Solveig"),
        "m": _names("Knut Bjørn Jan Håkon Eirik Sindre Magnus Terje Arne Øyvind"),
    },
    "DK": {
        "f": _names("Anne Camilla Louise Sofie Pernille Line Signe Maja Tina Hanne"),
        "m": _names("Jens Søren Niels Rasmus Mads Henrik Thomas Anders Kasper Jesper"),
    },
    "FI": {
        "f": _names("Anna Sanna Laura Johanna Elina Minna Tiina Riikka Hanna Päivi"),
        "m": _names("Juha Timo Jukka Antti Pekka Ville Janne Matti Sami Jari"),
    },
    "IS": {
        "f": _names("Anna Sigríður Kristín Margrét Helga Katrín Sara Ásta Elín Þóra"),
        "m": _names("Jón Sigurður Guðmundur Gunnar Ólafur Einar Kristján Magnús Stefán Björn"),
    },
}
"""Given names per country and gender ("f", "m")."""

LAST_NAMES: dict[str, tuple[str, ...]] = {
    "SE": _names(
        "Andersson Johansson Karlsson Nilsson Eriksson Larsson Olsson Persson Svensson"
        " Gustafsson Lindberg Bergström Holm Sjöberg Ekström Åberg Lundgren Wallin"
    ),
    "NO": _names(
        "Hansen Johansen Olsen Larsen Andersen Pedersen Nilsen Kristiansen Karlsen Haugen"
        " Solberg Bakken Dahl Moen Lie Berge Aasen Strand"
    ),
    "DK": _names(
        "Nielsen Hansen Pedersen Andersen Christensen Larsen Sørensen Rasmussen Jørgensen"
        " Petersen Kristensen Olsen Thomsen Poulsen Møller Mortensen Lund Bach"
    ),
    "FI": _names(
        "Mäkinen Nieminen Mäkelä Hämäläinen Laine Heikkinen Koskinen Järvinen Lehtonen"
        " Lehtinen Saarinen Salminen Heinonen Niemi Heikkilä Kinnunen Laaksonen Lindholm"
    ),
}
"""Family names per country (Iceland: see ``ICELANDIC_FATHERS``)."""

ICELANDIC_FATHERS: tuple[str, ...] = _names(
    "Jóns Sigurðar Guðmundar Gunnars Ólafs Einars Kristjáns Magnúsar Stefáns Björns Helga"
    " Péturs Arnar Þórðar"
)
"""Fathers' names in the genitive: Jóns + son = Jónsson, Jóns + dóttir = Jónsdóttir."""

PATRONYMIC_ENDING = {"f": "dóttir", "m": "son"}
"""The ending of an Icelandic patronymic by the person's gender."""
