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
# # Kystløse Sentral-Asia
#
# Et land er **kystløst** når det ikke har kyst mot havet. Et land er **dobbelt kystløst**
# når alle nabolandene også er kystløse: da må man gjennom minst to land for å komme til havet.
#
# Alle de fem landene i Sentral-Asia er kystløse. Kasakhstan og Turkmenistan ligger ved
# Kaspihavet, men Kaspihavet er en innsjø uten forbindelse til verdenshavene.

# %%
from mapping.landlocked import landlocked_map
from mapping.notebook import CENTRAL_ASIA, distance_chart, export_map, landlocked_table, show_map

# %% [markdown]
# ## 1. Kartet
#
# De kystløse landene er fargelagt, og Usbekistan, som er dobbelt kystløst, har en egen farge.
# Linjene viser noen av veiene til havet: gjennom Afghanistan og Pakistan, og gjennom Iran.
# Klikk på en hovedstad for å se hvor langt det er til havet.

# %%
central_asia = landlocked_map("Central Asia", lang="nb")
show_map(central_asia)

# %%
export_map(central_asia, "kart/sentral-asia.html")

# %% [markdown]
# ## 2. Avstander til havet
#
# Avstandene er målt langs jordoverflaten, fra hovedstaden og fra nærmeste grense til nærmeste
# havkyst, og fra hovedstaden til nærmeste store havn.

# %%
table = landlocked_table(CENTRAL_ASIA, lang="nb")
table

# %% [markdown]
# ## 3. Hvor langt er det til havet?

# %%
chart = distance_chart(table)

# %% [markdown]
# ## Spørsmål til diskusjon
#
# 1. Hva betyr det for handelen i et land at varene må kjøres gjennom andre land for å nå
#    en havn?
# 2. Hvorfor er en vei gjennom Afghanistan til havnene i Pakistan interessant for Usbekistan?
#    Hva kan gjøre en slik vei vanskelig?
# 3. Kasakhstan har kyst mot Kaspihavet. Hvorfor regnes landet likevel som kystløst?
# 4. Les artikkelen om Putins besøk i Kasakhstan igjen. Hvordan kan det at landene er
#    kystløse, forklare hvorfor Russland, Kina, Tyrkia, Iran og Pakistan er interessante
#    partnere?
# 5. Norge har en av verdens lengste kyster. Hva ville vært annerledes om Norge var kystløst?
