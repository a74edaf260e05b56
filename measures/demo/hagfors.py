"""Hagfors's action plan, adopted by the executive committee in June 2024, and its measures."""

from .common import ORDER, VIOLENCE, YOUTH, D, L, S

PARTNERS = [
    ("Näringsidkare vid Torget", "Butiker och andra verksamheter runt torget."),
]

MEASURES = [
    (
        "Fler elever i årskurs 9 med gymnasiebehörighet",
        [YOUTH],
        L.UNIVERSAL,
        S.ONGOING,
        D(2024, 8, 1),
        None,
        None,
        [],
        "",
        "Elever i årskurs 9",
        None,
        "",
        "Arbete för att fler elever som lämnar årskurs 9 har betyg som ger behörighet till "
        "gymnasiet, eftersom en fullständig skolgång skyddar mot brott.",
        "",
        "",
        True,
    ),
    (
        "Kommunikation om våld i nära relation",
        [VIOLENCE],
        L.UNIVERSAL,
        S.ONGOING,
        D(2024, 9, 1),
        None,
        "Individ- och familjeomsorgen",
        [],
        "",
        "Kommunens medarbetare och kommuninvånare",
        None,
        "",
        "Bred kommunikation om våld i nära relation, både internt i kommunens organisation och "
        "externt till invånarna, så att fler vet hur våldet ser ut och vart man vänder sig.",
        "",
        "",
        True,
    ),
    (
        "Tryggare Torget",
        [ORDER],
        L.UNIVERSAL,
        S.ONGOING,
        D(2024, 9, 1),
        None,
        "Kommunpolisen",
        ["Näringsidkare vid Torget"],
        "",
        "Alla som vistas på torget",
        None,
        "",
        "Kommunen fördjupar samarbetet med polisen och näringsidkarna vid torget för att "
        "prioritera vad som behövs för att torget ska vara en trygg plats.",
        "",
        "",
        True,
    ),
    (
        "Aktivitetsplan för arbetet med ungdomar och narkotika",
        [YOUTH],
        L.GROUP,
        S.PLANNED,
        D(2024, 9, 1),
        None,
        "Enheten för sysselsättning",
        [],
        "",
        "Unga",
        None,
        "",
        "Statistiken visar att narkotika är ett problem i kommunen och ofta leder till brott. "
        "En aktivitetsplan tas fram för insatser riktade till unga, eftersom mycket är vunnet "
        "om användningen minskar i unga år.",
        "",
        "",
        False,
    ),
]

# (area code, goal, how it is followed up, measure titles)
GOALS = [
    (
        YOUTH,
        "Fler elever lämnar årskurs 9 med behörighet till gymnasiet.",
        "Andelen elever i årskurs 9 med gymnasiebehörighet, varje läsår.",
        ["Fler elever i årskurs 9 med gymnasiebehörighet"],
    ),
    (
        VIOLENCE,
        "Fler medarbetare och invånare känner igen våld i nära relation och vet vart de kan "
        "vända sig.",
        "Genomförda kommunikationsinsatser internt och externt.",
        ["Kommunikation om våld i nära relation"],
    ),
    (
        ORDER,
        "Torget i Hagfors är och upplevs som en trygg plats.",
        "Andelen som avstår från att gå ut sent av otrygghet (12 procent i Brås senaste "
        "trygghetsundersökning) och lägesbilden för torget.",
        ["Tryggare Torget"],
    ),
    (
        YOUTH,
        "Användningen av narkotika bland unga minskar.",
        "Lägesbilden och polisens statistik över narkotikabrott bland unga.",
        ["Aktivitetsplan för arbetet med ungdomar och narkotika"],
    ),
]
