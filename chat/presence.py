"""Who is online in a room, kept in the shared cache with an expiry so that a crashed
process does not leave people "online" for ever. Clients ping every 25 seconds."""

import time

from django.core.cache import cache

TTL = 60


def update(room_id: int, user_id: int, name: str, online: bool) -> list[dict]:
    key = f"chat:presence:{room_id}"
    now = time.time()
    people = {uid: entry for uid, entry in (cache.get(key) or {}).items() if entry[1] > now}
    if online:
        people[user_id] = (name, now + TTL)
    else:
        people.pop(user_id, None)
    cache.set(key, people, timeout=TTL)
    return [{"id": uid, "name": entry[0]} for uid, entry in sorted(people.items(), key=lambda item: item[1][0])]
