# Kyrgyz writes decimals with a comma ("2,4 МБ"), as Russian does; the rest is Django's.
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"
