/**
 * Two timelines and corrections. An event may carry its event time (the payload's own time, at the
 * pointer its contract version names with x-event-time) beside the time the hub recorded it, and may
 * supersede an earlier event of its stream (a correction). Both are written by dx.append_batch and
 * covered by the event's hash through a second form of dx.event_hash; events that carry neither hash
 * exactly as before, so every chain written earlier stays valid. Frozen in time: it never imports
 * today's types.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // NULL event_at: the contract names no event time, so the event time is the recorded time.
  await sql`ALTER TABLE dx.events ADD COLUMN event_at timestamptz, ADD COLUMN supersedes bigint`.execute(db);
  // An event is superseded at most once: corrections of one reading form a chain, never a fork.
  await sql`CREATE UNIQUE INDEX events_supersedes_key ON dx.events (supersedes) WHERE supersedes IS NOT NULL`.execute(
    db,
  );
  // Event-time reads of a stream: as-of, history from the log, time ranges on the event timeline.
  await sql`
    CREATE INDEX events_stream_event_time_idx
    ON dx.events (contract_id, key, (coalesce(event_at, recorded_at)), stream_position)`.execute(db);

  // The hash of an event with an event time or a correction: the identity line gains the event time
  // (epoch milliseconds, or null) and the superseded global position (or null). Without either it is
  // exactly the first form, so events written before this migration keep their hashes.
  await sql`
    CREATE FUNCTION dx.event_hash(
      global_position bigint, stream_position bigint, contract_id text, contract_version text, key text,
      producer text, msg_id text, recorded_at timestamptz, event_at timestamptz, supersedes bigint,
      payload jsonb, previous bytea)
    RETURNS bytea LANGUAGE sql STABLE PARALLEL SAFE AS $$
      SELECT sha256(
        convert_to(
          CASE WHEN event_at IS NULL AND supersedes IS NULL
            THEN jsonb_build_array(global_position, stream_position, contract_id, contract_version, key,
                                   producer, msg_id, (extract(epoch FROM recorded_at) * 1000)::bigint)
            ELSE jsonb_build_array(global_position, stream_position, contract_id, contract_version, key,
                                   producer, msg_id, (extract(epoch FROM recorded_at) * 1000)::bigint,
                                   (extract(epoch FROM event_at) * 1000)::bigint, supersedes)
          END::text
          || E'\\n' || payload::text || E'\\n',
          'UTF8')
        || previous)
    $$`.execute(db);

  // dx.append_batch and dx.append_decided as before, each batch item with two more fields:
  //   "t": the event time (ISO 8601, milliseconds) or null, "s": the global position it supersedes or null.
  await sql`
    CREATE OR REPLACE FUNCTION dx.append_batch(batch jsonb, look_up_stored boolean)
    RETURNS TABLE (item integer, outcome text, out_global bigint, out_stream bigint, out_actual bigint,
                   out_recorded timestamptz, out_hash bytea)
    LANGUAGE plpgsql AS $$
    DECLARE
      n integer := jsonb_array_length(batch);
      first_position bigint;
      recorded timestamptz;
    BEGIN
      PERFORM dx.lock_streams(batch);
      SELECT r.first_position, r.recorded_at INTO first_position, recorded FROM dx.reserve_positions(n) AS r;
      IF look_up_stored OR jsonb_path_exists(batch, '$[*] ? (@.e != null)') THEN
        RETURN QUERY SELECT * FROM dx.append_decided(batch, look_up_stored, first_position, recorded);
        RETURN;
      END IF;
      RETURN QUERY
      WITH RECURSIVE
      numbered AS MATERIALIZED (
        SELECT x.j, x.c, x.v, x.k, x.p, x.m, x.t, x.s, x.d, first_position + x.j - 1 AS g,
               row_number() OVER w AS nth, coalesce(s.position, 0) + row_number() OVER w AS sp,
               s.head_hash, s.position IS NULL AS fresh
        FROM jsonb_to_recordset(batch) AS x(j integer, c text, v text, k text, p text, m text, t timestamptz, s bigint, d jsonb)
        LEFT JOIN dx.streams s ON s.contract_id = x.c AND s.key = x.k
        WINDOW w AS (PARTITION BY x.c, x.k ORDER BY x.j)
      ),
      chain AS (
        SELECT nb.j, nb.c, nb.v, nb.k, nb.p, nb.m, nb.t, nb.s, nb.d, nb.g, nb.nth, nb.sp, nb.fresh,
               dx.event_hash(nb.g, nb.sp, nb.c, nb.v, nb.k, nb.p, nb.m, recorded, nb.t, nb.s, nb.d,
                             coalesce(nb.head_hash, '\\x0000000000000000000000000000000000000000000000000000000000000000'::bytea)) AS h
        FROM numbered nb WHERE nb.nth = 1
        UNION ALL
        SELECT nb.j, nb.c, nb.v, nb.k, nb.p, nb.m, nb.t, nb.s, nb.d, nb.g, nb.nth, nb.sp, nb.fresh,
               dx.event_hash(nb.g, nb.sp, nb.c, nb.v, nb.k, nb.p, nb.m, recorded, nb.t, nb.s, nb.d, ch.h)
        FROM chain ch JOIN numbered nb ON nb.c = ch.c AND nb.k = ch.k AND nb.nth = ch.nth + 1
      ),
      written AS (
        INSERT INTO dx.events
          (global_position, contract_id, contract_version, key, stream_position, producer, msg_id, payload,
           recorded_at, event_at, supersedes, hash)
        SELECT ch.g, ch.c, ch.v, ch.k, ch.sp, ch.p, ch.m, ch.d, recorded, ch.t, ch.s, ch.h FROM chain ch ORDER BY ch.g
        RETURNING 1
      ),
      heads AS (
        SELECT DISTINCT ON (ch.c, ch.k) ch.c, ch.k, ch.sp, ch.h, ch.g, ch.fresh FROM chain ch ORDER BY ch.c, ch.k, ch.nth DESC
      ),
      moved AS (
        UPDATE dx.streams AS st
        SET position = hd.sp, head_hash = hd.h, last_global_position = hd.g, updated_at = recorded
        FROM heads hd WHERE NOT hd.fresh AND st.contract_id = hd.c AND st.key = hd.k
        RETURNING 1
      ),
      created AS (
        INSERT INTO dx.streams (contract_id, key, position, head_hash, last_global_position, updated_at)
        SELECT hd.c, hd.k, hd.sp, hd.h, hd.g, recorded FROM heads hd WHERE hd.fresh
        RETURNING 1
      )
      SELECT ch.j, 'appended'::text, ch.g, ch.sp, NULL::bigint, recorded, ch.h FROM chain ch;
    END
    $$`.execute(db);

  await sql`
    CREATE OR REPLACE FUNCTION dx.append_decided(batch jsonb, look_up_stored boolean, first_position bigint, recorded timestamptz)
    RETURNS TABLE (item integer, outcome text, out_global bigint, out_stream bigint, out_actual bigint,
                   out_recorded timestamptz, out_hash bytea)
    LANGUAGE plpgsql AS $$
    DECLARE
      r record;
      g bigint;
      cur_c text;
      cur_k text;
      cur_pos bigint;
      cur_new boolean;
      cur_moved boolean := false;
      cur_g bigint;
      prev bytea;
      res_item integer[] := '{}';
      res_outcome text[] := '{}';
      res_global bigint[] := '{}';
      res_stream bigint[] := '{}';
      res_actual bigint[] := '{}';
      res_recorded timestamptz[] := '{}';
      res_hash bytea[] := '{}';
      ins_g bigint[] := '{}';
      ins_c text[] := '{}';
      ins_v text[] := '{}';
      ins_k text[] := '{}';
      ins_s bigint[] := '{}';
      ins_p text[] := '{}';
      ins_m text[] := '{}';
      ins_t timestamptz[] := '{}';
      ins_sup bigint[] := '{}';
      ins_d jsonb[] := '{}';
      ins_h bytea[] := '{}';
      head_c text[] := '{}';
      head_k text[] := '{}';
      head_s bigint[] := '{}';
      head_h bytea[] := '{}';
      head_g bigint[] := '{}';
      head_new boolean[] := '{}';
    BEGIN
      FOR r IN
        SELECT x.j, x.c, x.v, x.k, x.p, x.m, x.e, x.t, x.s, x.d, s.position AS head, s.head_hash,
               stored.global_position AS stored_g, stored.stream_position AS stored_s,
               stored.recorded_at AS stored_recorded, stored.hash AS stored_hash
        FROM jsonb_to_recordset(batch) AS x(j integer, c text, v text, k text, p text, m text, e bigint, t timestamptz, s bigint, d jsonb)
        LEFT JOIN dx.streams s ON s.contract_id = x.c AND s.key = x.k
        LEFT JOIN LATERAL (
          SELECT ev.global_position, ev.stream_position, ev.recorded_at, ev.hash FROM dx.events ev
          WHERE look_up_stored AND ev.producer = x.p AND ev.msg_id = x.m
        ) AS stored ON true
        ORDER BY x.c, x.k, x.j
      LOOP
        IF cur_c IS DISTINCT FROM r.c OR cur_k IS DISTINCT FROM r.k THEN
          IF cur_moved THEN
            head_c := array_append(head_c, cur_c);
            head_k := array_append(head_k, cur_k);
            head_s := array_append(head_s, cur_pos);
            head_h := array_append(head_h, prev);
            head_g := array_append(head_g, cur_g);
            head_new := array_append(head_new, cur_new);
          END IF;
          cur_c := r.c;
          cur_k := r.k;
          cur_pos := coalesce(r.head, 0);
          cur_new := r.head IS NULL;
          cur_moved := false;
          prev := coalesce(r.head_hash, '\\x0000000000000000000000000000000000000000000000000000000000000000'::bytea);
        END IF;
        res_item := array_append(res_item, r.j);
        IF r.stored_g IS NOT NULL THEN
          res_outcome := array_append(res_outcome, 'duplicate');
          res_global := array_append(res_global, r.stored_g);
          res_stream := array_append(res_stream, r.stored_s);
          res_actual := array_append(res_actual, NULL::bigint);
          res_recorded := array_append(res_recorded, r.stored_recorded);
          res_hash := array_append(res_hash, r.stored_hash);
        ELSIF r.e IS NOT NULL AND r.e <> cur_pos THEN
          res_outcome := array_append(res_outcome, 'conflict');
          res_global := array_append(res_global, NULL::bigint);
          res_stream := array_append(res_stream, NULL::bigint);
          res_actual := array_append(res_actual, cur_pos);
          res_recorded := array_append(res_recorded, NULL::timestamptz);
          res_hash := array_append(res_hash, NULL::bytea);
        ELSE
          cur_pos := cur_pos + 1;
          g := first_position + r.j - 1;
          prev := dx.event_hash(g, cur_pos, r.c, r.v, r.k, r.p, r.m, recorded, r.t, r.s, r.d, prev);
          cur_moved := true;
          cur_g := g;
          ins_g := array_append(ins_g, g);
          ins_c := array_append(ins_c, r.c);
          ins_v := array_append(ins_v, r.v);
          ins_k := array_append(ins_k, r.k);
          ins_s := array_append(ins_s, cur_pos);
          ins_p := array_append(ins_p, r.p);
          ins_m := array_append(ins_m, r.m);
          ins_t := array_append(ins_t, r.t);
          ins_sup := array_append(ins_sup, r.s);
          ins_d := array_append(ins_d, r.d);
          ins_h := array_append(ins_h, prev);
          res_outcome := array_append(res_outcome, 'appended');
          res_global := array_append(res_global, g);
          res_stream := array_append(res_stream, cur_pos);
          res_actual := array_append(res_actual, NULL::bigint);
          res_recorded := array_append(res_recorded, recorded);
          res_hash := array_append(res_hash, prev);
        END IF;
      END LOOP;
      IF cur_moved THEN
        head_c := array_append(head_c, cur_c);
        head_k := array_append(head_k, cur_k);
        head_s := array_append(head_s, cur_pos);
        head_h := array_append(head_h, prev);
        head_g := array_append(head_g, cur_g);
        head_new := array_append(head_new, cur_new);
      END IF;

      INSERT INTO dx.events
        (global_position, contract_id, contract_version, key, stream_position, producer, msg_id, payload, recorded_at,
         event_at, supersedes, hash)
      SELECT u.g, u.c, u.v, u.k, u.s, u.p, u.m, u.d, recorded, u.t, u.sup, u.h
      FROM unnest(ins_g, ins_c, ins_v, ins_k, ins_s, ins_p, ins_m, ins_t, ins_sup, ins_d, ins_h)
        AS u(g, c, v, k, s, p, m, t, sup, d, h)
      ORDER BY u.g;

      UPDATE dx.streams AS st
      SET position = u.s, head_hash = u.h, last_global_position = u.g, updated_at = recorded
      FROM unnest(head_c, head_k, head_s, head_h, head_g, head_new) AS u(c, k, s, h, g, fresh)
      WHERE NOT u.fresh AND st.contract_id = u.c AND st.key = u.k;

      INSERT INTO dx.streams (contract_id, key, position, head_hash, last_global_position, updated_at)
      SELECT u.c, u.k, u.s, u.h, u.g, recorded
      FROM unnest(head_c, head_k, head_s, head_h, head_g, head_new) AS u(c, k, s, h, g, fresh)
      WHERE u.fresh;

      RETURN QUERY SELECT * FROM unnest(res_item, res_outcome, res_global, res_stream, res_actual, res_recorded, res_hash);
    END
    $$`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  // The functions as the event-store migration wrote them.
  await sql`
    CREATE OR REPLACE FUNCTION dx.append_batch(batch jsonb, look_up_stored boolean)
    RETURNS TABLE (item integer, outcome text, out_global bigint, out_stream bigint, out_actual bigint,
                   out_recorded timestamptz, out_hash bytea)
    LANGUAGE plpgsql AS $$
    DECLARE
      n integer := jsonb_array_length(batch);
      first_position bigint;
      recorded timestamptz;
    BEGIN
      PERFORM dx.lock_streams(batch);
      SELECT r.first_position, r.recorded_at INTO first_position, recorded FROM dx.reserve_positions(n) AS r;
      IF look_up_stored OR jsonb_path_exists(batch, '$[*] ? (@.e != null)') THEN
        RETURN QUERY SELECT * FROM dx.append_decided(batch, look_up_stored, first_position, recorded);
        RETURN;
      END IF;
      RETURN QUERY
      WITH RECURSIVE
      numbered AS MATERIALIZED (
        SELECT x.j, x.c, x.v, x.k, x.p, x.m, x.d, first_position + x.j - 1 AS g,
               row_number() OVER w AS nth, coalesce(s.position, 0) + row_number() OVER w AS sp,
               s.head_hash, s.position IS NULL AS fresh
        FROM jsonb_to_recordset(batch) AS x(j integer, c text, v text, k text, p text, m text, d jsonb)
        LEFT JOIN dx.streams s ON s.contract_id = x.c AND s.key = x.k
        WINDOW w AS (PARTITION BY x.c, x.k ORDER BY x.j)
      ),
      chain AS (
        SELECT nb.j, nb.c, nb.v, nb.k, nb.p, nb.m, nb.d, nb.g, nb.nth, nb.sp, nb.fresh,
               dx.event_hash(nb.g, nb.sp, nb.c, nb.v, nb.k, nb.p, nb.m, recorded, nb.d,
                             coalesce(nb.head_hash, '\\x0000000000000000000000000000000000000000000000000000000000000000'::bytea)) AS h
        FROM numbered nb WHERE nb.nth = 1
        UNION ALL
        SELECT nb.j, nb.c, nb.v, nb.k, nb.p, nb.m, nb.d, nb.g, nb.nth, nb.sp, nb.fresh,
               dx.event_hash(nb.g, nb.sp, nb.c, nb.v, nb.k, nb.p, nb.m, recorded, nb.d, ch.h)
        FROM chain ch JOIN numbered nb ON nb.c = ch.c AND nb.k = ch.k AND nb.nth = ch.nth + 1
      ),
      written AS (
        INSERT INTO dx.events
          (global_position, contract_id, contract_version, key, stream_position, producer, msg_id, payload,
           recorded_at, hash)
        SELECT ch.g, ch.c, ch.v, ch.k, ch.sp, ch.p, ch.m, ch.d, recorded, ch.h FROM chain ch ORDER BY ch.g
        RETURNING 1
      ),
      heads AS (
        SELECT DISTINCT ON (ch.c, ch.k) ch.c, ch.k, ch.sp, ch.h, ch.g, ch.fresh FROM chain ch ORDER BY ch.c, ch.k, ch.nth DESC
      ),
      moved AS (
        UPDATE dx.streams AS st
        SET position = hd.sp, head_hash = hd.h, last_global_position = hd.g, updated_at = recorded
        FROM heads hd WHERE NOT hd.fresh AND st.contract_id = hd.c AND st.key = hd.k
        RETURNING 1
      ),
      created AS (
        INSERT INTO dx.streams (contract_id, key, position, head_hash, last_global_position, updated_at)
        SELECT hd.c, hd.k, hd.sp, hd.h, hd.g, recorded FROM heads hd WHERE hd.fresh
        RETURNING 1
      )
      SELECT ch.j, 'appended'::text, ch.g, ch.sp, NULL::bigint, recorded, ch.h FROM chain ch;
    END
    $$`.execute(db);
  await sql`
    CREATE OR REPLACE FUNCTION dx.append_decided(batch jsonb, look_up_stored boolean, first_position bigint, recorded timestamptz)
    RETURNS TABLE (item integer, outcome text, out_global bigint, out_stream bigint, out_actual bigint,
                   out_recorded timestamptz, out_hash bytea)
    LANGUAGE plpgsql AS $$
    DECLARE
      r record;
      g bigint;
      cur_c text;
      cur_k text;
      cur_pos bigint;
      cur_new boolean;
      cur_moved boolean := false;
      cur_g bigint;
      prev bytea;
      res_item integer[] := '{}';
      res_outcome text[] := '{}';
      res_global bigint[] := '{}';
      res_stream bigint[] := '{}';
      res_actual bigint[] := '{}';
      res_recorded timestamptz[] := '{}';
      res_hash bytea[] := '{}';
      ins_g bigint[] := '{}';
      ins_c text[] := '{}';
      ins_v text[] := '{}';
      ins_k text[] := '{}';
      ins_s bigint[] := '{}';
      ins_p text[] := '{}';
      ins_m text[] := '{}';
      ins_d jsonb[] := '{}';
      ins_h bytea[] := '{}';
      head_c text[] := '{}';
      head_k text[] := '{}';
      head_s bigint[] := '{}';
      head_h bytea[] := '{}';
      head_g bigint[] := '{}';
      head_new boolean[] := '{}';
    BEGIN
      FOR r IN
        SELECT x.j, x.c, x.v, x.k, x.p, x.m, x.e, x.d, s.position AS head, s.head_hash,
               stored.global_position AS stored_g, stored.stream_position AS stored_s,
               stored.recorded_at AS stored_recorded, stored.hash AS stored_hash
        FROM jsonb_to_recordset(batch) AS x(j integer, c text, v text, k text, p text, m text, e bigint, d jsonb)
        LEFT JOIN dx.streams s ON s.contract_id = x.c AND s.key = x.k
        LEFT JOIN LATERAL (
          SELECT ev.global_position, ev.stream_position, ev.recorded_at, ev.hash FROM dx.events ev
          WHERE look_up_stored AND ev.producer = x.p AND ev.msg_id = x.m
        ) AS stored ON true
        ORDER BY x.c, x.k, x.j
      LOOP
        IF cur_c IS DISTINCT FROM r.c OR cur_k IS DISTINCT FROM r.k THEN
          IF cur_moved THEN
            head_c := array_append(head_c, cur_c);
            head_k := array_append(head_k, cur_k);
            head_s := array_append(head_s, cur_pos);
            head_h := array_append(head_h, prev);
            head_g := array_append(head_g, cur_g);
            head_new := array_append(head_new, cur_new);
          END IF;
          cur_c := r.c;
          cur_k := r.k;
          cur_pos := coalesce(r.head, 0);
          cur_new := r.head IS NULL;
          cur_moved := false;
          prev := coalesce(r.head_hash, '\\x0000000000000000000000000000000000000000000000000000000000000000'::bytea);
        END IF;
        res_item := array_append(res_item, r.j);
        IF r.stored_g IS NOT NULL THEN
          res_outcome := array_append(res_outcome, 'duplicate');
          res_global := array_append(res_global, r.stored_g);
          res_stream := array_append(res_stream, r.stored_s);
          res_actual := array_append(res_actual, NULL::bigint);
          res_recorded := array_append(res_recorded, r.stored_recorded);
          res_hash := array_append(res_hash, r.stored_hash);
        ELSIF r.e IS NOT NULL AND r.e <> cur_pos THEN
          res_outcome := array_append(res_outcome, 'conflict');
          res_global := array_append(res_global, NULL::bigint);
          res_stream := array_append(res_stream, NULL::bigint);
          res_actual := array_append(res_actual, cur_pos);
          res_recorded := array_append(res_recorded, NULL::timestamptz);
          res_hash := array_append(res_hash, NULL::bytea);
        ELSE
          cur_pos := cur_pos + 1;
          g := first_position + r.j - 1;
          prev := dx.event_hash(g, cur_pos, r.c, r.v, r.k, r.p, r.m, recorded, r.d, prev);
          cur_moved := true;
          cur_g := g;
          ins_g := array_append(ins_g, g);
          ins_c := array_append(ins_c, r.c);
          ins_v := array_append(ins_v, r.v);
          ins_k := array_append(ins_k, r.k);
          ins_s := array_append(ins_s, cur_pos);
          ins_p := array_append(ins_p, r.p);
          ins_m := array_append(ins_m, r.m);
          ins_d := array_append(ins_d, r.d);
          ins_h := array_append(ins_h, prev);
          res_outcome := array_append(res_outcome, 'appended');
          res_global := array_append(res_global, g);
          res_stream := array_append(res_stream, cur_pos);
          res_actual := array_append(res_actual, NULL::bigint);
          res_recorded := array_append(res_recorded, recorded);
          res_hash := array_append(res_hash, prev);
        END IF;
      END LOOP;
      IF cur_moved THEN
        head_c := array_append(head_c, cur_c);
        head_k := array_append(head_k, cur_k);
        head_s := array_append(head_s, cur_pos);
        head_h := array_append(head_h, prev);
        head_g := array_append(head_g, cur_g);
        head_new := array_append(head_new, cur_new);
      END IF;

      INSERT INTO dx.events
        (global_position, contract_id, contract_version, key, stream_position, producer, msg_id, payload, recorded_at, hash)
      SELECT u.g, u.c, u.v, u.k, u.s, u.p, u.m, u.d, recorded, u.h
      FROM unnest(ins_g, ins_c, ins_v, ins_k, ins_s, ins_p, ins_m, ins_d, ins_h) AS u(g, c, v, k, s, p, m, d, h)
      ORDER BY u.g;

      UPDATE dx.streams AS st
      SET position = u.s, head_hash = u.h, last_global_position = u.g, updated_at = recorded
      FROM unnest(head_c, head_k, head_s, head_h, head_g, head_new) AS u(c, k, s, h, g, fresh)
      WHERE NOT u.fresh AND st.contract_id = u.c AND st.key = u.k;

      INSERT INTO dx.streams (contract_id, key, position, head_hash, last_global_position, updated_at)
      SELECT u.c, u.k, u.s, u.h, u.g, recorded
      FROM unnest(head_c, head_k, head_s, head_h, head_g, head_new) AS u(c, k, s, h, g, fresh)
      WHERE u.fresh;

      RETURN QUERY SELECT * FROM unnest(res_item, res_outcome, res_global, res_stream, res_actual, res_recorded, res_hash);
    END
    $$`.execute(db);
  await sql`DROP FUNCTION IF EXISTS dx.event_hash(bigint, bigint, text, text, text, text, text, timestamptz, timestamptz, bigint, jsonb, bytea)`.execute(
    db,
  );
  await sql`DROP INDEX IF EXISTS dx.events_stream_event_time_idx`.execute(db);
  await sql`DROP INDEX IF EXISTS dx.events_supersedes_key`.execute(db);
  await sql`ALTER TABLE dx.events DROP COLUMN IF EXISTS supersedes, DROP COLUMN IF EXISTS event_at`.execute(
    db,
  );
}
