"""The server-rendered pages: routes stay thin and call the same services as the API."""

from fastapi import APIRouter

from tsifra.web.pages import auth, indicators, rating, regions, tasks, upload

router = APIRouter(include_in_schema=False)
for module in (auth, rating, regions, indicators, tasks, upload):
    router.include_router(module.router)
