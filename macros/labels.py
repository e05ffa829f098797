"""Dutch display labels for schema values, in one place."""

TYPE_LABELS = {
    "provincie": "Provincie",
    "programma": "Programma",
    "instrument": "Instrument",
    "gebeurtenis": "Gebeurtenis",
    "ingredient": "Ingrediënt",
    "praktijkvoorbeeld": "Praktijkvoorbeeld",
    "bron": "Bron",
    "begrip": "Begrip",
}
STATUS_LABELS = {
    "actief": "actief", "gepland": "gepland", "pilot": "pilot", "afgerond": "afgerond",
    "vervallen": "vervallen", "onbekend": "onbekend (niet in de bron)",
}
INZET_LABELS = {"basis": "basis inzet", "midden": "tussen basis en brede inzet", "breed": "brede inzet"}
