"""Realistic regional text for Recommendation 2 (a national framework), written the way
regional forums write: shared wording passed between forums, each reworded a little,
and points of their own. The merging tests and thresholds are checked against it."""

from responses.models import Stance

# region: (stance, text)
RECOMMENDATION_2 = {
    "London": (
        Stance.AGREE_WITH_CONCERNS,
        "A national framework could bring consistency between boroughs, so that families "
        "who move do not have to start again.\n\n"
        "We worry that fixed bands of need will not fit children whose needs change, and "
        "that support will be rationed to the band rather than the child.",
    ),
    "North West": (
        Stance.AGREE_WITH_CONCERNS,
        "A national framework could bring consistency between areas, so that families who "
        "move do not have to start all over again.\n\n"
        "Fixed classifications of need risk missing the whole child.",
    ),
    "South West": (
        Stance.DISAGREE,
        "Rural families already travel long distances for support; a national framework "
        "that rations support by category would make this worse.",
    ),
    "East Midlands": (
        Stance.AGREE_WITH_CONCERNS,
        "We are worried that fixed bands of need will not fit children whose needs "
        "change, and that support could be rationed to the band rather than to the "
        "child.\n\n"
        "- It is unclear who would govern the proposed National Institute.\n"
        "- Parent carers must help write the framework from the start.",
    ),
    "West Midlands": (
        Stance.AGREE,
        "Parent carers must help write the framework from the very start, not be "
        "consulted at the end.",
    ),
    "North East": (
        Stance.AGREE,
        "We support a framework that sets out the help every child can expect without "
        "waiting for a plan.",
    ),
    "Yorkshire and the Humber": (
        Stance.AGREE_WITH_CONCERNS,
        "It is unclear who would be responsible for governing the proposed National "
        "Institute.\n\n"
        "Statutory entitlements must not be reduced to make the framework affordable.",
    ),
    "South East": (
        Stance.AGREE,
        "Consistency would help, and the framework must be reviewed each year with families.",
    ),
    "East of England": (Stance.NO_POSITION, ""),
}

# The points that are the same point, reworded, across regions.
SAME_POINTS = [
    {"London", "North West"},  # consistency for families who move
    {"London", "East Midlands"},  # fixed bands of need
    {"East Midlands", "Yorkshire and the Humber"},  # who governs the National Institute
    {"East Midlands", "West Midlands"},  # parent carers help write it
]

# (regional point, national paragraph that reflects it), as steering members edit.
REFLECTED = [
    # pasted as it is
    (
        "Fixed classifications of need risk missing the whole child.",
        "Fixed classifications of need risk missing the whole child.",
    ),
    # lightly edited
    (
        "Rural families already travel long distances for support; a national framework "
        "that rations support by category would make this worse.",
        "Rural families already travel long distances for support, and a national "
        "framework that rations support by category would make this even worse.",
    ),
    # reworded by a steering member
    (
        "We worry that fixed bands of need will not fit children whose needs change, and "
        "that support will be rationed to the band rather than the child.",
        "We are concerned that fixed bands of need would not suit children whose needs "
        "change, and that support would be rationed to the band, not the child.",
    ),
    # merged with another region's point into one paragraph
    (
        "It is unclear who would be responsible for governing the proposed National Institute.",
        "It is unclear who would be responsible for governing the proposed National "
        "Institute, and who would hold it to account. (East Midlands and Yorkshire and "
        "the Humber)",
    ),
    # folded into a longer paragraph of the national text
    (
        "Statutory entitlements must not be reduced to make the framework affordable.",
        "The NNPCF supports the principle of making the best use of practitioners' time, "
        "but statutory entitlements must not be reduced to make the framework affordable "
        "in the current environment.",
    ),
    # the assembled form: the point followed by its regions
    (
        "Parent carers must help write the framework from the start.",
        "Parent carers must help write the framework from the very start, not be "
        "consulted at the end. (East Midlands and West Midlands)",
    ),
]

# (regional point, national paragraph on the same item that does not reflect it).
NOT_REFLECTED = [
    (
        "Fixed classifications of need risk missing the whole child.",
        "A national framework could bring consistency between areas, so that families who "
        "move do not have to start all over again.",
    ),
    (
        "Rural families already travel long distances for support; a national framework "
        "that rations support by category would make this worse.",
        "We worry that fixed bands of need will not fit children whose needs change, and "
        "that support will be rationed to the band rather than the child.",
    ),
    (
        "Consistency would help, and the framework must be reviewed each year with families.",
        "Parent carers must help write the framework from the very start, not be "
        "consulted at the end.",
    ),
    (
        "We support a framework that sets out the help every child can expect without "
        "waiting for a plan.",
        "Statutory entitlements must not be reduced to make the framework affordable.",
    ),
    (
        "It is unclear who would be responsible for governing the proposed National Institute.",
        "The NNPCF agree that there could be potential benefits to a National Framework.",
    ),
    (
        "Statutory entitlements must not be reduced to make the framework affordable.",
        "The NNPCF agree that there could be potential benefits to a National Framework. "
        "However, we have concerns that the proposed classifications of need will not "
        "accurately reflect the needs of an individual child or young person.",
    ),
]
