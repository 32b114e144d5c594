# Pashto (Afghanistan) formats, as Django's Persian ones: year/month/day, Saturday first.
DATE_FORMAT = "j F Y"
TIME_FORMAT = "G:i"
DATETIME_FORMAT = "j F Y، G:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "Y/n/j"
SHORT_DATETIME_FORMAT = "Y/n/j،\u200f G:i"
FIRST_DAY_OF_WEEK = 6
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
