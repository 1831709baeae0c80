"""The script the dashboard's Streamlit server runs (``securebase.localserver`` starts it).

It is a folder of its own because ``streamlit run`` puts the script's folder on
``sys.path``: here nothing else sits beside it that could shadow a module.
"""
