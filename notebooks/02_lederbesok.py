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
# # Lederbesøk: hvem reiste hvor?
#
# Nyhetsartikler forteller ofte om ledere som besøker andre land. Her finner vi besøkene i
# artikkelen, tegner reisene på et kart og en tidslinje, og retter det programmet ikke kunne
# vite.

# %%
from mapping.notebook import export_map, load_article, show_map, visits_table, visits_timeline
from mapping.visits import extract_visits, visits_frame
from mapping.journeys import visits_map

# %% [markdown]
# ## 1. Artikkelen
#
# Artikkelen ble publisert torsdag 9. november 2023. Datoen trenger vi for å forstå ord som
# «torsdag» og «denne uken».

# %%
text = load_article("artikler/putin-kasakhstan.nb.txt")
published = "2023-11-09"

# %% [markdown]
# ## 2. Besøkene
#
# Programmet ser etter ledere (presidenter, statsministre, utenriksministre) som er, har vært
# eller skal være i et annet land. En vert som tar imot besøk, regnes ikke som besøkende.

# %%
visits = extract_visits(text, lang="nb", published=published)
table = visits_frame(visits, lang="nb")
visits_table(table)

# %% [markdown]
# ## 3. Kartet over reisene
#
# Hver leder har sin farge. Pilen går fra hjemlandets hovedstad til stedet lederen besøker.
# Klikk på en pil for å lese setningen i artikkelen.

# %%
journeys = visits_map(table, lang="nb")
show_map(journeys)

# %% [markdown]
# ## 4. Tidslinje
#
# Tidslinjen viser besøkene med kjent dato. Besøk uten dato står i overskriften.

# %%
timeline = visits_timeline(table)

# %% [markdown]
# ## 5. Rett tabellen
#
# Programmet kan bare vite det som står i artikkelen. Der står det at Macron «nylig» var i
# Kasakhstan, men ikke når. Andre kilder forteller at han kom dit 1. november 2023.
# Slik skriver vi datoen inn i tabellen (datoer skrives år-måned-dag):

# %%
table.loc[table["leader"] == "Emmanuel Macron", "date"] = "2023-11-01"
visits_table(table)

# %% [markdown]
# Tegn kartet og tidslinjen på nytt med den rettede tabellen:

# %%
journeys = visits_map(table, lang="nb")
show_map(journeys)

# %%
timeline = visits_timeline(table)

# %% [markdown]
# ## 6. Lagre
#
# Kartet lagres som én HTML-fil. Tabellen kan lagres som en CSV-fil, rettes i et regneark og
# leses inn igjen med `pandas.read_csv("kart/lederbesok.csv")`.

# %%
export_map(journeys, "kart/lederbesok.html")

# %%
table.to_csv("kart/lederbesok.csv", index=False)

# %% [markdown]
# ## Oppgaver
#
# 1. Hvorfor tror du så mange ledere reiser til Sentral-Asia akkurat nå?
# 2. Kasakhstans president Tokajev er nevnt i artikkelen, men har ingen pil på kartet. Hvorfor?
# 3. Finn en annen artikkel om et lederbesøk, og se om programmet finner reisen.
