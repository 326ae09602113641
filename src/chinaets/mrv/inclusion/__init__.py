"""The inclusion test for the national list (2027 list from 2025 data): who is listed in a
trading sector, who must report in a reporting sector, and where captive plants go — over
`Summary` objects of any sector, with the threshold and rules as dated parameters."""
