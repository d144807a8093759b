"""An evaluation world written as an outside partner team would write its feeds.

Independent of the hub's demo world (no code shared with ``demo/``): several
counterfeiting rings — a production workshop (phones, address, sometimes a company and a
label printer), one or two warehouses in other provinces, many shops on several platforms
— among innocent traffic: shared logistics parks and express outlets used by many
unrelated senders, legitimate merchants of the same brands with more volume, parcels
between private persons, complaints about other things.

Real-world conventions at configurable rates (:class:`Rates`): complaints in free text
only (no ``target``), addresses in the text with or without province/city, digit-only
waybill numbers with or without a carrier word, shop names with digits and brackets as on
the platform, complainants naming themselves with their own phone, complainants who
bought from several rings, sellers reusing warehouse phones, mistyped seller phones,
carriers' new longer number formats, hotline tickets with only a shop name and a city.

``generate(out_dir, seed, size)`` writes ``listings.jsonl``, ``waybills.jsonl``,
``complaints.jsonl`` (import each with ``cluehub import FILE --kind K --partner P``, kinds
and partners in ``truth["feeds"]``) and ``truth.json`` (raw identifiers; canonicalise them
with the hub's identifier types to compare with node keys).
"""

from .world import FEEDS, SIZES, Rates, build, generate

__all__ = ["FEEDS", "SIZES", "Rates", "build", "generate"]
