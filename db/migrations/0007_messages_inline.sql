-- A bot reply's row (the answer, its HTML and the routing decision with its trace) is about 2.7 KB:
-- just over the 2 KB at which PostgreSQL compresses and moves values out of line, which cost about
-- 8% of its CPU on the message path. Rows up to a page stay inline and uncompressed.
ALTER TABLE "messages" SET (toast_tuple_target = 8160);
