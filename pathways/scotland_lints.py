"""Lint levels for the shipped Scotland pathway.

`carepath lint` at default levels reports some findings that are true of
the system the sources describe, not mistakes in the file. Each is
silenced here, limited to the services it is about, with its reason; the
file carries them in `metadata.lints` and pathways/README.md explains them
("What lint says"). Anything else lint finds is to be fixed.
"""


def lint_settings(services):
    """The `metadata.lints` of the pathway, given its services."""
    ids = sorted(s["id"] for s in services)
    camhs = [i for i in ids if i.endswith("-camhs")]
    mnpi_without_team = [i for i in ("highland-mnpi", "orkney-mnpi", "western-isles-mnpi")
                         if i in ids]
    return {
        "dead-end": {
            "level": "allow",
            "reason": (
                "CAMHS is where infant mental health teams hand on after the infant years, and "
                "refers no further in this model; Highland's infant mental health team gives "
                "consultation only (it advises the referring professional, it does not take "
                "the family on); MNPI in Highland, Orkney and the Western Isles has no infant "
                "mental health team in its board to refer to (pif-2025)."),
            "services": camhs + ["highland-infant-mental-health-team"] + mnpi_without_team,
        },
        "age-beyond-range": {
            "level": "allow",
            "reason": ("CAMHS works with children and young people to 18 "
                       "(camhs-specification); the pathway's ages are the infant years."),
            "services": camhs,
        },
        "unusable-referral": {
            "level": "allow",
            "reason": (
                "The Family Nurse Partnership enrols by 28 weeks of pregnancy and Lothian's "
                "infant mental health team takes families from birth: a route refers on the "
                "day a service first sees the family, so this referral, made later in the "
                "programme, is on no route."),
            "services": ["lothian-family-nurse-partnership"],
        },
        "referral-cycle": {
            "level": "allow",
            "reason": ("Social work, health visiting, Home-Start and befriending refer to one "
                       "another both ways, as the sources describe; routes never repeat a "
                       "service."),
        },
        "specialist-to-universal": {
            "level": "allow",
            "reason": "Parent-infant psychotherapy hands the family back to the health "
                      "visitor on discharge.",
            "services": [i for i in ids if i.endswith("-parent-infant-psychotherapy")],
        },
        "unused-source": {
            "level": "allow",
            "reason": ("careers-nhs-scot-boards backs the region tree (the boards and their "
                       "council areas), which cites no sources."),
        },
    }
