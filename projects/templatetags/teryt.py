"""The TERYT code list offered to a commune field: one <datalist> per page, no script needed."""

from django import template

from projects.models import Commune

register = template.Library()


@register.inclusion_tag("includes/_teryt_datalist.html")
def teryt_datalist():
    return {"communes": Commune.objects.all()}
