"""Date formats of both languages: dd/mm/yyyy, typed and shown, whatever the language (an English
page must not read 05/03/2024 as the 3rd of May). ISO dates are still accepted when typed."""
