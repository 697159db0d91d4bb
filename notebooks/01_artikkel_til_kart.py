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
# # Fra nyhetsartikkel til kart
#
# I denne notatboken gjør vi en nyhetsartikkel om til et kart. Vi finner alle stedene
# artikkelen nevner, ser hvor de ligger, og lagrer kartet slik at det kan åpnes uten internett.
#
# Kjør cellene én etter én med **Shift + Enter**, eller velg **Run → Run All Cells**.

# %% [markdown]
# Først henter vi verktøyene vi trenger.

# %%
from mapping import detect_language, geoparse, unresolved
from mapping.maps import article_map
from mapping.notebook import export_map, load_article, places_table, show_map
from mapping.story import save_story, story_map

# %% [markdown]
# ## 1. Velg artikkel
#
# Artikkelen kan komme fra tre steder:
#
# - **en fil** i mappen `artikler/`, for eksempel `"artikler/putin-kasakhstan.nb.txt"`;
# - **tekst du limer inn** mellom tre anførselstegn: `"""Lim inn teksten her"""`;
# - **en nettadresse**, for eksempel `"https://www.nrk.no/..."` (krever internett).
#
# Vi starter med en NTB-artikkel om Putins besøk i Kasakhstan.

# %%
source = "artikler/putin-kasakhstan.nb.txt"
# source = """Lim inn teksten fra artikkelen her."""
# source = "https://www.nrk.no/..."

# %%
text = load_article(source)
print(text[:400], "…")

# %% [markdown]
# Artikkelen kan være skrevet på bokmål (`nb`), nynorsk (`nn`) eller engelsk (`en`).
# Språket bestemmer hvilke stedsnavn kartet bruker: «Kasakhstan» eller «Kazakhstan».

# %%
lang = detect_language(text)
lang

# %% [markdown]
# ## 2. Stedene i artikkelen
#
# Programmet leser teksten og finner navn på land, byer, regioner og hav.
# Hvert funn kaller vi en *omtale*.

# %%
mentions = geoparse(text, lang=lang)
len(mentions)

# %% [markdown]
# Tabellen viser hvert sted én gang, med hvor mange ganger det er nevnt og hvordan det er
# skrevet i artikkelen («Russlands» er en omtale av Russland).

# %%
places_table(mentions, lang=lang)

# %% [markdown]
# ## 3. Navn vi ikke fant
#
# Noen navn ser ut som steder, men finnes ikke i stedsregisteret. Er det virkelig steder?

# %%
unresolved(mentions)

# %% [markdown]
# ## 4. Kartet
#
# Hvert sted er en sirkel: jo større sirkel, jo oftere er stedet nevnt. Land som er nevnt,
# er fargelagt. Klikk på en sirkel for å lese setningen der stedet står.

# %%
places_map = article_map(mentions, text=text, lang=lang)
show_map(places_map)

# %% [markdown]
# ## 5. Lagre kartet
#
# Kartet lagres som én HTML-fil i mappen `kart/`. Filen kan sendes på e-post eller
# legges på en minnepinne, og den åpnes i nettleseren også uten internett.

# %%
export_map(places_map, "kart/artikkelkart.html")

# %% [markdown]
# ## 6. Artikkelen som kartfortelling
#
# Kartfortellingen går gjennom artikkelen avsnitt for avsnitt. Bruk piltastene eller knappene
# for å bla. Den egner seg godt på prosjektoren.

# %%
story = story_map(text, lang=lang)
story

# %% [markdown]
# Også fortellingen kan lagres som én fil.

# %%
save_story(story, "kart/kartfortelling.html")

# %% [markdown]
# ## Oppgaver
#
# 1. Hvilket sted er nevnt flest ganger? Hvorfor tror du det?
# 2. Se på navnene programmet ikke fant. Er det steder, personer eller noe annet?
# 3. Bytt ut artikkelen i punkt 1 med en annen nyhetssak, og kjør alle cellene på nytt.
