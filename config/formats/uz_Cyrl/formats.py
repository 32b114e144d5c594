# Uzbek in Cyrillic script: Django's Latin Uzbek formats with "йил" for "yil".
DATE_FORMAT = r"j-E, Y-\й\и\л"
TIME_FORMAT = "G:i"
DATETIME_FORMAT = r"j-E, Y-\й\и\л G:i"
YEAR_MONTH_FORMAT = r"F Y-\й\и\л"
MONTH_DAY_FORMAT = "j-E"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
FIRST_DAY_OF_WEEK = 1
DATE_INPUT_FORMATS = ["%d.%m.%Y", "%d.%m.%y", "%Y-%m-%d"]
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"
NUMBER_GROUPING = 3
