"""What each role may do: the one table of the roles' permissions.

Each role is a Django group (``accounts.roles.GROUP_NAMES``). Read a row as: on this kind of
record the social worker, the coordinator and the director may view (v), add (a), change (c) and
delete (d) what their project holds; "" is nothing. Which project's records a person reaches is
decided apart from this table, by their team membership (``projects.access``).

Changing the table changes nothing in a database by itself: add a migration that calls
``accounts.migration_helpers.apply_role_permissions`` (as ``0007_role_permission_table`` does),
and the groups then hold exactly what the table says.
"""

from .roles import DATA_PROTECTION_OFFICER_GROUP, GROUP_NAMES, Role

ROLES = (Role.SOCIAL_WORKER, Role.COORDINATOR, Role.DIRECTOR)
ACTIONS = {"v": "view", "a": "add", "c": "change", "d": "delete"}

RECORDS = {
    # record                              social worker  coordinator  director
    # The project and its set-up
    "projects.project":                   ("v",          "vac",       "v"),
    "projects.edition":                   ("v",          "vac",       "v"),
    "projects.supportareacommune":        ("v",          "vac",       "v"),
    "projects.membership":                ("v",          "vac",       "v"),
    "projects.indicatortarget":           ("",           "vac",       "v"),
    "projects.organisation":              ("v",          "vac",       "v"),
    "projects.signatory":                 ("v",          "vacd",      "v"),
    "projects.indicatordefinition":       ("",           "v",         ""),
    "projects.fundingprogramme":          ("",           "v",         ""),
    # Participants: recruitment, entry data, diagnosis and IŚR
    "participants.person":                ("vac",        "vac",       ""),
    "participants.participation":         ("vac",        "vac",       "v"),
    "participants.individualpath":        ("va",         "va",        ""),
    "participants.plannedsupport":        ("va",         "va",        ""),
    # Support forms, referrals, sessions and attendance
    "instruments.supportform":            ("v",          "vac",       "v"),
    "instruments.supportgroup":           ("v",          "vacd",      "v"),
    "instruments.referral":               ("vac",        "vac",       ""),
    "instruments.session":                ("v",          "vacd",      "v"),
    "instruments.attendance":             ("vac",        "vac",       ""),
    # Social contracts
    "contracts.socialcontract":           ("vac",        "vac",       ""),
    "contracts.contractaction":           ("vac",        "vac",       ""),
    "contracts.monitoringentry":          ("vac",        "vac",       ""),
    "contracts.amendment":                ("vac",        "vac",       ""),
    # Trainings, internships, job placement, events
    "trainings.trainingcourse":           ("v",          "vac",       "v"),
    "trainings.trainingresult":           ("vac",        "vac",       ""),
    "employment.internship":              ("vac",        "vac",       ""),
    "employment.internshipmonth":         ("vac",        "vac",       ""),
    "employment.jobsupportcontact":       ("vacd",       "vacd",      ""),
    "events.event":                       ("v",          "vacd",      "v"),
    "events.eventattendance":             ("vad",        "vad",       ""),
    # Forms to sign (their wording per project), the information clause given, consents
    "consents.formtemplate":              ("v",          "vac",       ""),
    "consents.clausereceipt":             ("va",         "va",        ""),
    "consents.consent":                   ("vac",        "vac",       ""),
    # Results and the rules they are counted by
    "results.employment":                 ("vacd",       "vacd",      ""),
    "results.socialprogress":             ("vacd",       "vacd",      ""),
    "results.effectivenessrule":          ("v",          "v",         "v"),
    # The documents register: certificates, summaries
    "documents.issueddocument":           ("v",          "vac",       ""),
    "documents.certificatebatch":         ("v",          "va",        ""),
    # The participant's file: scans of signed documents (delete = remove with a reason, the
    # entry stays); the director reads the required kinds and the totals, never a file
    "dossier.dossierfile":                ("vad",        "vad",       ""),
    "dossier.requiredkind":               ("v",          "vad",       "v"),
}

# Permissions of their own (not view/add/change/delete of a record), by role.
OWN = {
    # permission                          social worker  coordinator  director
    "documents.issue_summary":            (False,        True,        True),
    "monitoring.export_participants":     (False,        True,        False),
    "monitoring.import_participants":     (False,        True,        False),
    # a copy of one person's data for them (RODO art. 15): the coordinator, password typed again
    "privacy.export_subject_data":        (False,        True,        False),
}

# The data protection officer's group (no project role): the access log, the list of art. 15
# exports and the register of processing activities; no participant's data.
DATA_PROTECTION_OFFICER = {
    "privacy.oversee_data_protection",
    "privacy.view_subjectexport",
}

# The administrator keeps the code lists and accounts in the admin: every permission of these.
ADMINISTRATOR_APPS = (
    "accounts", "projects", "participants", "instruments", "contracts", "trainings",
    "employment", "events", "results", "monitoring", "documents", "dossier", "consents",
)


def permissions_of(role: Role) -> set[str]:
    """The permissions ("app_label.codename") of one role, as the table gives them."""
    column = ROLES.index(role)
    granted = set()
    for record, actions in RECORDS.items():
        app_label, model = record.split(".")
        granted |= {f"{app_label}.{ACTIONS[a]}_{model}" for a in actions[column]}
    return granted | {permission for permission, roles in OWN.items() if roles[column]}


def group_permissions() -> dict[str, set[str]]:
    """Each role group's name with its permissions (the administrator's are whole apps)."""
    groups = {GROUP_NAMES[role]: permissions_of(role) for role in ROLES}
    return groups | {DATA_PROTECTION_OFFICER_GROUP: set(DATA_PROTECTION_OFFICER)}

