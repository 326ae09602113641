"""What the six reporting sectors share: the NDRC 2013–2015 sector guidelines' fuel table,
electricity and heat, carbonates, GWPs, the report's common tables, the accounting frame with
its trace, the shared checks, the supplementary-data table and the platform summary.

Not a sector (no ``sector.py``): each reporting sector's folder composes these pieces with its
own process sources (rules reference ``reporting-sectors.md``)."""
