"""The order book of one instrument (a CEA vintage, listed agreement): price-time priority.

Prices are integer fen, quantities integer tonnes. This module matches and nothing else: no
rules, no money, no clock. `Exchange` (engine.py) validates and funds an order before it gets
here, and turns the fills into trades.

Each side keeps a dict price → deque of resting orders (arrival order = time priority) and a
sorted list of its prices, stored so that the best price is always the *last* element (bids
ascending, asks as negated prices ascending): taking the best level is `list.pop()`, and a new
level is one `bisect.insort` into a list of at most a few thousand ticks.

>>> book = OrderBook()
>>> book.add(Order("s1", "ENT-A", SELL, 7500, 300))
[]
>>> book.add(Order("s2", "ENT-B", SELL, 7490, 200))
[]
>>> book.add(Order("b1", "ENT-C", BUY, 7500, 400))  # takes s2 at 74.90, then 200 of s1 at 75.00
[('s2', 'b1', 7490, 200), ('s1', 'b1', 7500, 200)]
>>> book.best_bid(), book.best_ask(), book.orders["s1"].remaining
(None, 7500, 100)
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections import deque

BUY, SELL = "buy", "sell"
Fill = tuple[str, str, int, int]  # (maker order id, taker order id, price fen, quantity)


class Order:
    """A resting or incoming order. `remaining` falls as it fills; `seq` orders time priority."""

    __slots__ = ("id", "price", "quantity", "remaining", "seq", "side", "trader")

    def __init__(
        self, id: str, trader: str, side: str, price: int, quantity: int, seq: int = 0
    ) -> None:
        self.id = id
        self.trader = trader
        self.side = side
        self.price = price
        self.quantity = quantity
        self.remaining = quantity
        self.seq = seq

    def __repr__(self) -> str:
        return f"Order({self.id!r}, {self.side}, {self.price}, {self.remaining}/{self.quantity})"


class OrderBook:
    def __init__(self) -> None:
        self.bids: dict[int, deque[Order]] = {}
        self.asks: dict[int, deque[Order]] = {}
        self.bid_keys: list[int] = []  # ascending: best bid last
        self.ask_keys: list[int] = []  # negated prices ascending: best (lowest) ask last
        self.orders: dict[str, Order] = {}

    # --- matching -------------------------------------------------------------------------
    def add(self, order: Order) -> list[Fill]:
        """Match an incoming limit order against the other side, then rest what is left."""
        fills: list[Fill] = []
        if order.side == BUY:
            keys, levels, sign = self.ask_keys, self.asks, -1
            crosses = order.price.__ge__
        else:
            keys, levels, sign = self.bid_keys, self.bids, 1
            crosses = order.price.__le__
        remaining = order.remaining
        orders = self.orders
        taker = order.id
        while remaining and keys and crosses(sign * keys[-1]):
            price = sign * keys[-1]
            level = levels[price]
            while remaining and level:
                maker = level[0]
                quantity = maker.remaining if maker.remaining < remaining else remaining
                maker.remaining -= quantity
                remaining -= quantity
                fills.append((maker.id, taker, price, quantity))
                if not maker.remaining:
                    level.popleft()
                    del orders[maker.id]
            if not level:
                del levels[price]
                keys.pop()
        order.remaining = remaining
        if remaining:
            self._rest(order)
        return fills

    def _rest(self, order: Order) -> None:
        if order.side == BUY:
            levels, keys, key = self.bids, self.bid_keys, order.price
        else:
            levels, keys, key = self.asks, self.ask_keys, -order.price
        level = levels.get(order.price)
        if level is None:
            level = levels[order.price] = deque()
            insort(keys, key)
        level.append(order)
        self.orders[order.id] = order

    def would_meet(self, trader: str, side: str, price: int, quantity: int) -> bool:
        """Would an incoming order of `trader` fill against one of its own resting orders?
        Walks only the orders it would reach (no further than matching would)."""
        if side == BUY:
            keys, levels, sign = self.ask_keys, self.asks, -1
        else:
            keys, levels, sign = self.bid_keys, self.bids, 1
        ahead = 0
        for key in reversed(keys):
            level_price = sign * key
            if (price < level_price) if side == BUY else (price > level_price):
                return False
            for order in levels[level_price]:
                if order.trader == trader:
                    return True
                ahead += order.remaining
                if ahead >= quantity:
                    return False
        return False

    def take(self, quote_id: str, taker_id: str, quantity: int) -> Fill:
        """Click-trade: fill `quantity` of one resting quote at its own price."""
        maker = self.orders[quote_id]
        if quantity > maker.remaining:
            raise ValueError("a click-trade cannot take more than the quote's remaining quantity")
        maker.remaining -= quantity
        if not maker.remaining:
            self.cancel(quote_id)
        return (quote_id, taker_id, maker.price, quantity)

    def cancel(self, order_id: str) -> Order:
        """Remove a resting order (already filled quantity stays filled)."""
        order = self.orders.pop(order_id)
        if order.side == BUY:
            levels, keys, key = self.bids, self.bid_keys, order.price
        else:
            levels, keys, key = self.asks, self.ask_keys, -order.price
        level = levels[order.price]
        level.remove(order)
        if not level:
            del levels[order.price]
            del keys[bisect_left(keys, key)]
        return order

    # --- views ----------------------------------------------------------------------------
    def best_bid(self) -> int | None:
        return self.bid_keys[-1] if self.bid_keys else None

    def best_ask(self) -> int | None:
        return -self.ask_keys[-1] if self.ask_keys else None

    def best_levels(self, side: str, depth: int) -> list[int]:
        """The `depth` best prices of one side, best first."""
        if side == BUY:
            return self.bid_keys[::-1][:depth]
        return [-k for k in self.ask_keys[::-1][:depth]]

    def level_orders(self, side: str, price: int) -> list[Order]:
        levels = self.bids if side == BUY else self.asks
        return list(levels.get(price, ()))

    def depth(self, side: str, levels: int) -> list[tuple[int, int, int]]:
        """(price fen, total quantity, order count) for the best `levels` prices of a side."""
        book = self.bids if side == BUY else self.asks
        return [
            (p, sum(o.remaining for o in book[p]), len(book[p]))
            for p in self.best_levels(side, levels)
        ]

    def resting(self) -> list[Order]:
        """Every resting order, in time priority (for snapshots and day-end expiry)."""
        return sorted(self.orders.values(), key=lambda o: o.seq)
