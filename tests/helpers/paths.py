"""Individual paths (IŚR): the form as a browser posts it."""


def path_post(support_forms, **overrides):
    """The IŚR form as posted, planning each (support form, group hours, individual hours)."""
    data = {
        "drawn_up_on": "2025-03-03",
        "problem_situation": "Długotrwałe bezrobocie, zadłużenie.",
        "resources": "Wsparcie rodziny.",
        "potential": "Doświadczenie w handlu.",
        "predispositions": "Praca z ludźmi.",
        "needs": "Aktualizacja kwalifikacji.",
        "goals": "Podjęcie zatrudnienia w handlu.",
        "planned-TOTAL_FORMS": str(max(3, len(support_forms))),
        "planned-INITIAL_FORMS": "0",
        "planned-MIN_NUM_FORMS": "0",
        "planned-MAX_NUM_FORMS": "1000",
    }
    for index, (support_form, group, individual) in enumerate(support_forms):
        data[f"planned-{index}-support_form"] = str(support_form.pk)
        data[f"planned-{index}-group_hours"] = str(group)
        data[f"planned-{index}-individual_hours"] = str(individual)
        data[f"planned-{index}-serves_goal"] = "Podjęcie zatrudnienia"
    data.update(overrides)
    return data
