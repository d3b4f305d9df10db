# Date fields show 15.03.2025 in every language (see projects.forms.DateInput), so English
# accepts that form first; ISO dates are accepted too.
DATE_INPUT_FORMATS = ["%d.%m.%Y", "%Y-%m-%d", "%d.%m.%y"]
# Times typed as 10:30 (or 10.30), 24-hour, whatever the computer's locale.
TIME_INPUT_FORMATS = ["%H:%M", "%H.%M", "%H:%M:%S"]
