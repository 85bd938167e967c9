extension OrgSchema {
    /// Version 5, part: sessions recorded after the day they were held (`--on DATE`), as the
    /// local store's v10 keeps them.
    ///
    /// - `session.backfilled_at` is when a back-filled session was recorded (NULL for a live
    ///   one). A login's back-fill gets the server's own time there, and is refused when its day
    ///   is in the future or before the person it is about existed.
    /// - `coach.freeze_ended_weeks()` freezes every ended week's team and organisation sums as
    ///   `coach.team_weeks` would on its next read. Completing a back-filled session calls it
    ///   first (a trigger, whatever program completes it), so a session back-filled into a week
    ///   that has ended never changes that week's team numbers: they are pinned as they were.
    /// - `coach.team_weeks` is version 3's with one rule more: a back-filled session is never
    ///   counted among the respondents the caller knows one by one, so a rep back-filled into a
    ///   frozen week (not one of its respondents) cannot make the rest of a hidden week look known.
    static let v5Backfill = """
        ALTER TABLE coach.session ADD COLUMN backfilled_at timestamptz;

        CREATE FUNCTION coach.backfill_check() RETURNS trigger
          LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, coach
          AS $$
          DECLARE born timestamptz;
          BEGIN
            IF NEW.backfilled_at IS NULL OR coach.me() IS NULL THEN RETURN NEW; END IF;
            NEW.backfilled_at := now();
            IF NEW.started_at > now() THEN
              RAISE EXCEPTION 'a session cannot be back-filled to a day in the future' USING ERRCODE = '42501';
            END IF;
            SELECT created_at INTO born FROM coach.person WHERE id = NEW.subject_id;
            IF NEW.started_at < born - interval '1 day' THEN
              RAISE EXCEPTION 'a session cannot be back-filled to before the person it is about was added'
                USING ERRCODE = '42501';
            END IF;
            RETURN NEW;
          END $$;
        CREATE TRIGGER session_backfill_check BEFORE INSERT ON coach.session
          FOR EACH ROW EXECUTE FUNCTION coach.backfill_check();

        CREATE FUNCTION coach.freeze_ended_weeks() RETURNS void
          LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, coach
          AS $$
          DECLARE last_ended text;
          BEGIN
            last_ended := to_char(date_trunc('week', now() - interval '26 hours') - interval '1 day', 'IYYY-"W"IW');
            LOCK TABLE coach.team_week_frozen IN SHARE ROW EXCLUSIVE MODE;
            INSERT INTO coach.team_week_frozen (week, survey_id, score_id, team_id, kind, respondents, total)
              SELECT w.week, w.survey_id, w.score_id, w.team_id, min(w.kind), count(*), sum(w.value ORDER BY w.subject_id)
              FROM coach.week_score w
              WHERE w.week > coalesce((SELECT max(f.week) FROM coach.team_week_frozen f), '') AND w.week <= last_ended
              GROUP BY w.week, w.survey_id, w.score_id, w.team_id;
            INSERT INTO coach.org_week_frozen (week, survey_id, score_id, respondents, total)
              SELECT f.week, f.survey_id, f.score_id, sum(f.respondents), sum(f.total ORDER BY f.team_id)
              FROM coach.team_week_frozen f
              WHERE f.week > coalesce((SELECT max(o.week) FROM coach.org_week_frozen o), '')
              GROUP BY f.week, f.survey_id, f.score_id;
          END $$;
        REVOKE ALL ON FUNCTION coach.freeze_ended_weeks() FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION coach.freeze_ended_weeks() TO coach_rep, coach_manager, coach_hr;

        CREATE FUNCTION coach.backfill_completing() RETURNS trigger
          LANGUAGE plpgsql SET search_path = pg_catalog, coach
          AS $$
          BEGIN
            PERFORM coach.freeze_ended_weeks();
            RETURN NEW;
          END $$;
        CREATE TRIGGER session_backfill_completing BEFORE UPDATE OF state ON coach.session
          FOR EACH ROW WHEN (NEW.state = 'completed' AND OLD.state IS DISTINCT FROM 'completed'
                             AND NEW.backfilled_at IS NOT NULL)
          EXECUTE FUNCTION coach.backfill_completing();

        CREATE OR REPLACE FUNCTION coach.team_weeks(p_team bigint, p_weeks text[], p_surveys text[], p_scores text[],
                                         p_min_group integer)
          RETURNS TABLE (week text, survey_id text, score_id text, mean double precision, respondents integer)
          LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, coach
          AS $$
          #variable_conflict use_column
          DECLARE
            viewer coach.person;
            minimum integer;
            last_ended text;
            frozen bigint;
          BEGIN
            SELECT * INTO viewer FROM coach.person WHERE login = session_user;
            IF viewer.id IS NULL OR viewer.role = 'rep' THEN
              RAISE EXCEPTION 'team trends are for managers and HR; ''trends'' shows your own' USING ERRCODE = '42501';
            END IF;
            minimum := greatest(3, coalesce((SELECT value::integer FROM coach.org_setting WHERE key = 'min-group'), 5),
                                coalesce(p_min_group, 0));
            last_ended := to_char(date_trunc('week', now() - interval '26 hours') - interval '1 day', 'IYYY-"W"IW');
            LOCK TABLE coach.team_week_frozen IN SHARE ROW EXCLUSIVE MODE;
            INSERT INTO coach.team_week_frozen (week, survey_id, score_id, team_id, kind, respondents, total)
              SELECT w.week, w.survey_id, w.score_id, w.team_id, min(w.kind), count(*), sum(w.value ORDER BY w.subject_id)
              FROM coach.week_score w
              WHERE w.week > coalesce((SELECT max(f.week) FROM coach.team_week_frozen f), '') AND w.week <= last_ended
              GROUP BY w.week, w.survey_id, w.score_id, w.team_id;
            GET DIAGNOSTICS frozen = ROW_COUNT;
            INSERT INTO coach.org_week_frozen (week, survey_id, score_id, respondents, total)
              SELECT f.week, f.survey_id, f.score_id, sum(f.respondents), sum(f.total ORDER BY f.team_id)
              FROM coach.team_week_frozen f
              WHERE f.week > coalesce((SELECT max(o.week) FROM coach.org_week_frozen o), '')
              GROUP BY f.week, f.survey_id, f.score_id;
            -- The first freeze after an import writes years of weeks at once: the planner gets
            -- their statistics now, not at autovacuum's next round, for the query below and the next.
            IF frozen > 10000 THEN
              ANALYZE coach.team_week_frozen, coach.org_week_frozen;
            END IF;
            RETURN QUERY
              WITH known AS MATERIALIZED (
                SELECT w.week, w.survey_id, w.score_id, w.team_id, count(*)::integer AS n
                FROM coach.week_score w JOIN coach.session s ON s.id = w.session_id
                WHERE w.subject_id IN (SELECT r.id FROM coach.person r WHERE r.id = viewer.id OR r.manager_id = viewer.id)
                  AND w.week = ANY (p_weeks) AND \(sessionVisible("s.")) AND s.backfilled_at IS NULL
                GROUP BY 1, 2, 3, 4
              ), teams AS MATERIALIZED (
                SELECT c.week, c.survey_id, c.score_id, c.team_id, c.respondents, c.total, c.known,
                       c.team_id <> 0 AND c.respondents >= minimum
                         AND (c.respondents = c.known OR c.respondents - c.known >= minimum) AS shown
                FROM (SELECT f.week, f.survey_id, f.score_id, f.team_id, f.respondents, f.total,
                             CASE WHEN viewer.role = 'hr' AND f.kind IN ('quiz', 'feedback') THEN f.respondents
                                  ELSE least(f.respondents, coalesce(k.n, 0)) END AS known
                      FROM coach.team_week_frozen f
                        LEFT JOIN known k
                          ON k.week = f.week AND k.survey_id = f.survey_id AND k.score_id = f.score_id AND k.team_id = f.team_id
                      WHERE f.week = ANY (p_weeks) AND f.week <= last_ended AND (p_team IS NULL OR f.team_id = p_team)
                        AND EXISTS (SELECT 1 FROM unnest(p_surveys, p_scores) AS x (survey, score)
                                    WHERE x.survey = f.survey_id AND (x.score = '' OR x.score = f.score_id))) c
              ), cells AS (
                SELECT g.week, g.survey_id, g.score_id, sum(g.respondents)::integer AS n, sum(g.known)::integer AS known,
                       CASE WHEN count(*) = 1 THEN 0
                            ELSE coalesce(sum(g.respondents - g.known) FILTER (WHERE g.shown), 0)::integer END AS covered
                FROM teams g WHERE p_team IS NULL
                GROUP BY g.week, g.survey_id, g.score_id
              ), everyone AS (
                SELECT c.week, c.survey_id, c.score_id, c.n, o.total, c.n - c.known - c.covered AS remainder
                FROM cells c JOIN coach.org_week_frozen o ON o.week = c.week AND o.survey_id = c.survey_id AND o.score_id = c.score_id
              )
              SELECT g.week, g.survey_id, g.score_id, g.total / g.respondents, g.respondents
              FROM teams g WHERE p_team IS NOT NULL AND g.shown
              UNION ALL
              SELECT e.week, e.survey_id, e.score_id, e.total / e.n, e.n
              FROM everyone e
              WHERE e.n >= minimum AND (e.remainder = 0 OR e.remainder >= minimum)
              ORDER BY 2, 3, 1;
          END $$;
        """
}
