# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Din egen artikkel
#
# Denne notatboken lager kart av en artikkel du velger selv.
#
# 1. Legg artikkelen som en tekstfil i mappen `artikler/`.
# 2. Skriv filnavnet i cellen under (`article = "artikler/....txt"`).
# 3. Velg **Run → Run All Cells**.
#
# Du trenger ikke endre noe annet. Kartene havner i mappen `kart/`.
# Nederst kan du også lime inn en tekst direkte og trykke **Lag kart**.

# %%
from mapping import article_map, detect_language, extract_visits, geoparse, save_story
from mapping import story_map, unresolved, visits_frame, visits_map
from mapping.notebook import article_widget, export_map, load_article, places_table, show_map

# %% tags=["parameters"]
article = "artikler/putin-kasakhstan.nb.txt"
output_dir = "kart"
published = None

# %% [markdown]
# ## Artikkelen

# %%
text = load_article(article)
lang = detect_language(text)
print(f"Språk: {lang}, {len(text)} tegn")

# %% [markdown]
# ## Stedene i artikkelen

# %%
mentions = geoparse(text, lang=lang)
places_table(mentions, lang=lang)

# %% [markdown]
# Navn som ser ut som steder, men som vi ikke fant:

# %%
unresolved(mentions)

# %% [markdown]
# ## Kartet

# %%
places_map = article_map(mentions, text=text, lang=lang)
show_map(places_map)

# %%
export_map(places_map, f"{output_dir}/artikkelkart.html")

# %% [markdown]
# ## Lederbesøk
#
# Hvem reiste hvor? Tabellen viser besøkene programmet fant. Finner det ingen, er tabellen tom.

# %%
visits = extract_visits(text, lang=lang, published=published)
visits_frame(visits, lang=lang)

# %%
journeys = visits_map(visits, lang=lang)
show_map(journeys)

# %%
export_map(journeys, f"{output_dir}/lederbesok.html")

# %% [markdown]
# ## Kartfortellingen
#
# Bla med piltastene. Fortellingen lagres også som en egen fil.

# %%
story = story_map(text, lang=lang, published=published)
story

# %%
save_story(story, f"{output_dir}/kartfortelling.html")

# %% [markdown]
# ## Lim inn en tekst
#
# Lim inn teksten fra en nyhetsartikkel i boksen og trykk **Lag kart**.

# %%
article_widget()
