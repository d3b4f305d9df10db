"""The programme family, and the regional programmes of 2014–2020 (RPO, ESF) and 2021–2027
(Fundusze Europejskie, ESF+) of all sixteen voivodeships, each in its family: their rules come
from the family (results 0006), so a project of any region chooses its programme from the list."""

from django.db import migrations, models

ESF = "Europejski Fundusz Społeczny"
ESF_PLUS = "Europejski Fundusz Społeczny Plus"

# (code, name, short name): 2014–2020
RPO = [
    ("rpo-wd-2014-2020", "Regionalny Program Operacyjny Województwa Dolnośląskiego", "RPO WD"),
    ("rpo-wkp-2014-2020", "Regionalny Program Operacyjny Województwa Kujawsko-Pomorskiego",
     "RPO WK-P"),
    ("rpo-wl-2014-2020", "Regionalny Program Operacyjny Województwa Lubelskiego", "RPO WL"),
    ("rpo-lubuskie-2014-2020", "Regionalny Program Operacyjny – Lubuskie 2020", "RPO-L2020"),
    ("rpo-wl-lodzkie-2014-2020", "Regionalny Program Operacyjny Województwa Łódzkiego", "RPO WŁ"),
    ("rpo-wm-malopolskie-2014-2020",
     "Regionalny Program Operacyjny Województwa Małopolskiego", "RPO WM (małopolskie)"),
    ("rpo-wm-mazowieckie-2014-2020",
     "Regionalny Program Operacyjny Województwa Mazowieckiego", "RPO WM (mazowieckie)"),
    ("rpo-wo-2014-2020", "Regionalny Program Operacyjny Województwa Opolskiego", "RPO WO"),
    ("rpo-wp-podkarpackie-2014-2020",
     "Regionalny Program Operacyjny Województwa Podkarpackiego", "RPO WP (podkarpackie)"),
    ("rpo-wp-podlaskie-2014-2020",
     "Regionalny Program Operacyjny Województwa Podlaskiego", "RPO WP (podlaskie)"),
    ("rpo-wp-pomorskie-2014-2020",
     "Regionalny Program Operacyjny Województwa Pomorskiego", "RPO WP (pomorskie)"),
    ("rpo-wsl-2014-2020", "Regionalny Program Operacyjny Województwa Śląskiego", "RPO WSL"),
    ("rpo-ws-2014-2020", "Regionalny Program Operacyjny Województwa Świętokrzyskiego", "RPO WŚ"),
    ("rpo-wim-2014-2020", "Regionalny Program Operacyjny Województwa Warmińsko-Mazurskiego",
     "RPO WiM"),
    ("wrpo-2014-2020", "Wielkopolski Regionalny Program Operacyjny", "WRPO"),
    ("rpo-wz-2014-2020", "Regionalny Program Operacyjny Województwa Zachodniopomorskiego",
     "RPO WZ"),
]
# 2021–2027 (the Lublin one, fel-2021-2027, is on the list already)
FE = [
    ("feds-2021-2027", "Fundusze Europejskie dla Dolnego Śląska", "FEDS"),
    ("fedkp-2021-2027", "Fundusze Europejskie dla Kujaw i Pomorza", "FEdKP"),
    ("fel-lubuskie-2021-2027", "Fundusze Europejskie dla Lubuskiego", "FEWL"),
    ("fel-lodzkie-2021-2027", "Fundusze Europejskie dla Łódzkiego", "FEŁ"),
    ("fem-malopolska-2021-2027", "Fundusze Europejskie dla Małopolski", "FEM (Małopolska)"),
    ("fem-mazowsze-2021-2027", "Fundusze Europejskie dla Mazowsza", "FEM (Mazowsze)"),
    ("feo-2021-2027", "Fundusze Europejskie dla Opolskiego", "FEO"),
    ("fep-podkarpacie-2021-2027", "Fundusze Europejskie dla Podkarpacia", "FEP (Podkarpacie)"),
    ("fedp-2021-2027", "Fundusze Europejskie dla Podlaskiego", "FEdP"),
    ("fep-pomorze-2021-2027", "Fundusze Europejskie dla Pomorza", "FEP (Pomorze)"),
    ("fesl-2021-2027", "Fundusze Europejskie dla Śląskiego", "FE SL"),
    ("fes-2021-2027", "Fundusze Europejskie dla Świętokrzyskiego", "FEŚ"),
    ("fewim-2021-2027", "Fundusze Europejskie dla Warmii i Mazur", "FEWiM"),
    ("few-2021-2027", "Fundusze Europejskie dla Wielkopolski", "FEW"),
    ("fepz-2021-2027", "Fundusze Europejskie dla Pomorza Zachodniego", "FEPZ"),
]
FAMILIES = {
    "po-kl-2007-2013": "pokl-2007-2013",
    "rpo-2014-2020": "rpo-2014-2020",
    "fel-2021-2027": "fe-2021-2027",
}


def load(apps, schema_editor):
    FundingProgramme = apps.get_model("projects", "FundingProgramme")
    for code, family in FAMILIES.items():
        FundingProgramme.objects.filter(code=code).update(family=family)
    periods = [(RPO, ESF, 2014, 2020, "rpo-2014-2020"), (FE, ESF_PLUS, 2021, 2027, "fe-2021-2027")]
    for programmes, fund, first, last, family in periods:
        for code, name, short_name in programmes:
            FundingProgramme.objects.update_or_create(code=code, defaults={
                "name": name,
                "short_name": short_name, "fund": fund, "period_start_year": first,
                "period_end_year": last, "family": family,
            })


def unload(apps, schema_editor):
    FundingProgramme = apps.get_model("projects", "FundingProgramme")
    FundingProgramme.objects.filter(
        code__in=[code for code, _, _ in RPO + FE], project__isnull=True
    ).delete()


class Migration(migrations.Migration):

    dependencies = [
        ('projects', '0014_organisation_shared_registry'),
    ]

    operations = [
        migrations.AddField(
            model_name='fundingprogramme',
            name='family',
            field=models.CharField(choices=[('pokl-2007-2013', 'Human Capital 2007–2013 (ESF)'), ('rpo-2014-2020', 'regional operational programmes 2014–2020 (ESF)'), ('fe-2021-2027', 'regional European Funds programmes 2021–2027 (ESF+)'), ('other', 'other')], default='other', help_text='A new programme takes the effectiveness and employment rules of its family; its own rows may then differ, as its calls say.', max_length=20, verbose_name='programme family'),
        ),
        migrations.RunPython(load, unload),
    ]
