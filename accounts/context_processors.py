from .textsize import TEXT_SIZES, text_size_of


def interface(request):
    """What the page frame needs on every page: the reader's text size."""
    return {"text_size": text_size_of(request), "text_sizes": TEXT_SIZES}
