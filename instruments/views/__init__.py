"""The screens of support forms, sessions, attendance and referrals, one module per topic:
``support_forms`` (the project's list, the form), ``sessions`` (list, create, edit, delete,
timetables), ``attendance`` (the grid and its marks, the sheets to sign), ``referrals`` (one
withdrawn, many made at once) and ``agenda`` (the coming days); ``lookups`` finds a support form
in the user's scope and its referred participants."""
