"""Sample logo strips for the demo's programmes: plain generated images that say "WZÓR" (sample),
never the official marks, which the funding bodies publish and an administrator uploads."""

import io

from django.conf import settings
from django.core.files.base import ContentFile
from PIL import Image, ImageDraw, ImageFont

SIZE = (1700, 200)
COLOURS = ["#0b3d91", "#d9213a", "#f2c300", "#2a7d2e"]


def sample_strip(programme) -> bytes:
    """A PNG: four coloured squares (where the marks would stand), the programme's name and
    period, and WZÓR across it."""
    image = Image.new("RGB", SIZE, "white")
    draw = ImageDraw.Draw(image)
    fonts = settings.BASE_DIR / "static" / "fonts"
    bold = ImageFont.truetype(str(fonts / "DejaVuSans-Bold.ttf"), 64)
    regular = ImageFont.truetype(str(fonts / "DejaVuSans.ttf"), 34)
    for index, colour in enumerate(COLOURS):
        draw.rectangle([30 + index * 160, 30, 170 + index * 160, 170], fill=colour)
    period = f"{programme.period_start_year}–{programme.period_end_year}"
    draw.text((700, 40), "WZÓR", font=bold, fill="#d9213a")
    draw.text((700, 120), f"{programme.short_name} {period} – znaki przykładowe", font=regular,
              fill="#333333")
    draw.rectangle([2, 2, SIZE[0] - 3, SIZE[1] - 3], outline="#d9213a", width=4)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def load_sample_strips(programmes) -> None:
    """Each programme without a strip gets its sample (an uploaded strip is left as it is)."""
    for programme in programmes:
        if programme.marks:
            continue
        programme.marks_description = (
            f"WZÓR – przykładowy pasek znaków, nie oficjalne znaki; program: {programme.name}"
        )
        programme.marks.save(f"wzor-{programme.code}.png", ContentFile(sample_strip(programme)),
                             save=False)
        programme.full_clean()
        programme.save(update_fields=["marks", "marks_description"])
