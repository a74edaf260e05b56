# gunicorn reads this file from its working directory (the Dockerfile's and docker-compose's
# commands name it as well). The access log leaves out the public survey's pages: see
# fagersta/access_log.py and README.md.
logger_class = "fagersta.access_log.PrivateAccessLogger"
