-- Resolving a version from any language that can query PostgreSQL (issue 12): driftgate_bucket is
-- io.driftgate.routing.CohortHash.bucket and driftgate_resolve is the consumers'
-- RoutingTableResolver, in SQL, so that `SELECT driftgate_resolve('features.customer_profile',
-- 'customer-42')` answers what a Java consumer and the job answer. ResolveFunctionTest checks both
-- against the Java code.
--
-- PostgreSQL only: H2 (the demo) has no PL/pgSQL, so this file is in sql/migrations-postgresql and
-- H2 applies its own V5 (sql/migrations-h2), which creates nothing; Schema picks the directory by
-- the JDBC URL.
--
-- MurmurHash3_x64_128 works modulo 2^64 on unsigned integers, while PostgreSQL's bigint is signed
-- and raises on overflow. The driftgate_u64_* helpers keep the 64 bits in a bigint (two's
-- complement, as Java's long) and compute in 16- and 32-bit pieces whose products and sums stay
-- below 2^63, so nothing overflows and no numeric is needed; shifts and bitwise operators never
-- raise. They are single-expression SQL functions, which PostgreSQL inlines into the PL/pgSQL
-- expressions that call them.
--
-- The text arguments are encoded with convert_to(.., 'UTF8'), the bytes Java's getBytes(UTF_8)
-- gives: PostgreSQL text holds neither U+0000 nor unpaired surrogates, the two inputs where Java
-- does something special (rejects a salt with U+0000; encodes a lone surrogate as '?').

-- a * b modulo 2^64: the low halves' product in 16-bit pieces, the cross terms modulo 2^32.
CREATE OR REPLACE FUNCTION driftgate_u64_mul(a bigint, b bigint) RETURNS bigint
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT ((((((a >> 32) & 4294967295) * (b & 65535)) & 4294967295)
           + (((((a >> 32) & 4294967295) * ((b >> 16) & 65535)) & 65535) << 16)
           + (((a & 4294967295) * ((b >> 32) & 65535)) & 4294967295)
           + ((((a & 4294967295) * ((b >> 48) & 65535)) & 65535) << 16)
           + (((a & 65535) * (b & 4294967295)) >> 32)
           + ((((a >> 16) & 65535) * (b & 4294967295)) >> 16)
           + (((((a & 65535) * (b & 4294967295)) & 4294967295)
               + (((((a >> 16) & 65535) * (b & 4294967295)) & 65535) << 16)) >> 32))
          & 4294967295) << 32
       | (((((a & 65535) * (b & 4294967295)) & 4294967295)
           + (((((a >> 16) & 65535) * (b & 4294967295)) & 65535) << 16)) & 4294967295)
$$;

-- a + b modulo 2^64, in 32-bit halves with a carry.
CREATE OR REPLACE FUNCTION driftgate_u64_add(a bigint, b bigint) RETURNS bigint
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT ((((a >> 32) & 4294967295) + ((b >> 32) & 4294967295)
           + (((a & 4294967295) + (b & 4294967295)) >> 32)) & 4294967295) << 32
       | (((a & 4294967295) + (b & 4294967295)) & 4294967295)
$$;

-- x >>> n (logical shift right), for 0 < n < 64.
CREATE OR REPLACE FUNCTION driftgate_u64_shr(x bigint, n integer) RETURNS bigint
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT (x >> n) & ~(-1::bigint << (64 - n))
$$;

-- x rotated left by r bits, for 0 < r < 64.
CREATE OR REPLACE FUNCTION driftgate_u64_rotl(x bigint, r integer) RETURNS bigint
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT (x << r) | ((x >> (64 - r)) & ~(-1::bigint << r))
$$;

-- CohortHash.bucket: the first 64-bit half of MurmurHash3_x64_128(UTF-8(salt) || 0x00 ||
-- UTF-8(cohort_key), seed 0), unsigned, modulo 10000. The reference C++ algorithm step by step:
-- 16-byte blocks read as two little-endian 64-bit words, then the 1..15 tail bytes (8..15 into k2,
-- 0..7 into k1), then the finalization. search_path is fixed at creation so that the helpers are
-- found whatever the caller's search_path.
CREATE OR REPLACE FUNCTION driftgate_bucket(salt text, cohort_key text) RETURNS integer
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
SET search_path FROM CURRENT AS $$
DECLARE
  c1 constant bigint := -8663945395140668459; -- 0x87c37b91114253d5
  c2 constant bigint := 5545529020109919103;  -- 0x4cf5ad432745937f
  data bytea;
  len integer;
  tail integer;
  h1 bigint := 0;
  h2 bigint := 0;
  k1 bigint;
  k2 bigint;
  i integer := 0;
  j integer;
BEGIN
  data := convert_to(salt, 'UTF8') || '\x00'::bytea || convert_to(cohort_key, 'UTF8');
  len := length(data);
  tail := len % 16;
  WHILE i < len - tail LOOP
    k1 := 0;
    k2 := 0;
    FOR j IN REVERSE 7 .. 0 LOOP
      k1 := (k1 << 8) | get_byte(data, i + j);
      k2 := (k2 << 8) | get_byte(data, i + 8 + j);
    END LOOP;
    k1 := driftgate_u64_mul(k1, c1);
    k1 := driftgate_u64_rotl(k1, 31);
    k1 := driftgate_u64_mul(k1, c2);
    h1 := h1 # k1;
    h1 := driftgate_u64_rotl(h1, 27);
    h1 := driftgate_u64_add(h1, h2);
    h1 := driftgate_u64_mul(h1, 5);
    h1 := driftgate_u64_add(h1, 1390208809); -- 0x52dce729
    k2 := driftgate_u64_mul(k2, c2);
    k2 := driftgate_u64_rotl(k2, 33);
    k2 := driftgate_u64_mul(k2, c1);
    h2 := h2 # k2;
    h2 := driftgate_u64_rotl(h2, 31);
    h2 := driftgate_u64_add(h2, h1);
    h2 := driftgate_u64_mul(h2, 5);
    h2 := driftgate_u64_add(h2, 944331445); -- 0x38495ab5
    i := i + 16;
  END LOOP;
  IF tail > 8 THEN
    k2 := 0;
    FOR j IN REVERSE tail - 1 .. 8 LOOP
      k2 := (k2 << 8) | get_byte(data, i + j);
    END LOOP;
    k2 := driftgate_u64_mul(k2, c2);
    k2 := driftgate_u64_rotl(k2, 33);
    k2 := driftgate_u64_mul(k2, c1);
    h2 := h2 # k2;
  END IF;
  IF tail > 0 THEN
    k1 := 0;
    FOR j IN REVERSE least(tail, 8) - 1 .. 0 LOOP
      k1 := (k1 << 8) | get_byte(data, i + j);
    END LOOP;
    k1 := driftgate_u64_mul(k1, c1);
    k1 := driftgate_u64_rotl(k1, 31);
    k1 := driftgate_u64_mul(k1, c2);
    h1 := h1 # k1;
  END IF;
  h1 := h1 # len;
  h2 := h2 # len;
  h1 := driftgate_u64_add(h1, h2);
  h2 := driftgate_u64_add(h2, h1);
  h1 := h1 # driftgate_u64_shr(h1, 33);
  h1 := driftgate_u64_mul(h1, -49064778989728563);   -- 0xff51afd7ed558ccd
  h1 := h1 # driftgate_u64_shr(h1, 33);
  h1 := driftgate_u64_mul(h1, -4265267296055464877); -- 0xc4ceb9fe1a85ec53
  h1 := h1 # driftgate_u64_shr(h1, 33);
  h2 := h2 # driftgate_u64_shr(h2, 33);
  h2 := driftgate_u64_mul(h2, -49064778989728563);
  h2 := h2 # driftgate_u64_shr(h2, 33);
  h2 := driftgate_u64_mul(h2, -4265267296055464877);
  h2 := h2 # driftgate_u64_shr(h2, 33);
  h1 := driftgate_u64_add(h1, h2);
  -- h1 mod 10000 as an unsigned 64-bit integer: 2^64 mod 10000 = 1616.
  IF h1 >= 0 THEN
    RETURN h1 % 10000;
  END IF;
  RETURN ((h1 & 9223372036854775807) % 10000 + 5808) % 10000; -- 2^63 mod 10000 = 5808
END
$$;

-- RoutingTableResolver.resolve (VersionResolver's rule): a dataset with a cohort_routing row reads
-- its candidate iff the exposure is not 0, the cohort key is not NULL or blank (only Java's
-- whitespace, Character.isWhitespace, which the character class below lists) and
-- driftgate_bucket(salt, cohort_key) < exposure_bp; otherwise its baseline. A dataset without a
-- routing row reads its alias; one with neither raises no_data_found (P0002), as the Java
-- resolver throws UnknownDatasetException. Both tables are read in the calling statement's
-- snapshot. SECURITY INVOKER: the caller needs SELECT on both tables, which the reader role has.
CREATE OR REPLACE FUNCTION driftgate_resolve(dataset text, cohort_key text) RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path FROM CURRENT AS $$
DECLARE
  baseline text;
  candidate text;
  exposure integer;
  route_salt text;
  alias text;
BEGIN
  SELECT r.baseline_version, r.candidate_version, r.exposure_bp, r.salt
    INTO baseline, candidate, exposure, route_salt
    FROM cohort_routing r
   WHERE r.dataset = driftgate_resolve.dataset;
  IF FOUND THEN
    IF exposure = 0 OR cohort_key IS NULL
        OR cohort_key ~ '^[\u0009-\u000D\u001C-\u0020\u1680\u2000-\u2006\u2008-\u200A\u2028\u2029\u205F\u3000]*$' THEN
      RETURN baseline;
    END IF;
    IF driftgate_bucket(route_salt, cohort_key) < exposure THEN
      RETURN candidate;
    END IF;
    RETURN baseline;
  END IF;
  SELECT a.version INTO alias FROM dataset_alias a WHERE a.dataset = driftgate_resolve.dataset;
  IF FOUND THEN
    RETURN alias;
  END IF;
  RAISE EXCEPTION USING
    ERRCODE = 'no_data_found',
    MESSAGE = format('dataset %L has neither a routing entry (cohort_routing) nor an alias'
        ' (dataset_alias)', dataset);
END
$$;
