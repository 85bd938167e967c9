extension OrgSchema {
    /// Version 2: team aggregates and reliabilities, computed inside the database by functions
    /// that return only what the privacy rules let the caller see.
    ///
    /// - `score.position` keeps a session's scores in the survey's order (the view
    ///   `coach.visible_score` shows it: `v2Policies`).
    /// - `week_score` holds each respondent's latest value of each score per ISO week (in the
    ///   time zone of the coach that completed the session), kept by a trigger when a session
    ///   completes; `team_week_frozen` holds each ended week's team counts and sums, copied once
    ///   and never changed. No login reads either table.
    /// - `coach.team_weeks` applies the minimum group, the complement rule (counting what the
    ///   caller already sees one by one) and the ended-week rule, on the server's clock.
    /// - `coach.reliability` returns Cronbach's α and the SD of a score over everyone's latest
    ///   session, only when at least 30 people answered every item.
    /// - HR may put a training follow-up on the agenda of a rep they ran a quiz for.
    static let v2Trends = """
        ALTER TABLE coach.score ADD COLUMN position integer NOT NULL DEFAULT 0;

        CREATE TABLE coach.week_score (
          subject_id bigint NOT NULL REFERENCES coach.person (id) ON DELETE CASCADE,
          week text NOT NULL,
          survey_id text NOT NULL,
          score_id text NOT NULL,
          team_id bigint NOT NULL,
          kind text NOT NULL,
          session_id bigint NOT NULL REFERENCES coach.session (id) ON DELETE CASCADE,
          value double precision NOT NULL,
          PRIMARY KEY (subject_id, week, survey_id, score_id)
        );
        CREATE INDEX week_score_on_week ON coach.week_score (week, survey_id, score_id);
        CREATE TABLE coach.team_week_frozen (
          week text NOT NULL,
          survey_id text NOT NULL,
          score_id text NOT NULL,
          team_id bigint NOT NULL,
          kind text NOT NULL,
          respondents integer NOT NULL,
          total double precision NOT NULL,
          PRIMARY KEY (week, survey_id, score_id, team_id)
        );
        ALTER TABLE coach.week_score ENABLE ROW LEVEL SECURITY;
        ALTER TABLE coach.team_week_frozen ENABLE ROW LEVEL SECURITY;

        CREATE FUNCTION coach.week_of(t timestamptz) RETURNS text
          LANGUAGE sql STABLE SET search_path = pg_catalog
          AS $$ SELECT to_char(t, 'IYYY-"W"IW') $$;

        -- One respondent's latest values of one survey's scores in one week.
        CREATE FUNCTION coach.refresh_week(p_subject bigint, p_survey text, p_week text) RETURNS void
          LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, coach
          AS $$
            DELETE FROM coach.week_score WHERE subject_id = p_subject AND survey_id = p_survey AND week = p_week;
            INSERT INTO coach.week_score (subject_id, week, survey_id, score_id, team_id, kind, session_id, value)
            SELECT DISTINCT ON (sc.score_id) p_subject, p_week, p_survey, sc.score_id, coalesce(p.team_id, 0), s.kind,
                   s.id, sc.value
            FROM coach.session s JOIN coach.score sc ON sc.session_id = s.id JOIN coach.person p ON p.id = s.subject_id
            WHERE s.subject_id = p_subject AND s.survey_id = p_survey AND s.state = 'completed' AND NOT s.draft
              AND s.kind <> 'one-on-one' AND sc.value IS NOT NULL AND coach.week_of(s.completed_at) = p_week
              AND NOT EXISTS (SELECT 1 FROM coach.session n WHERE n.supersedes_id = s.id AND n.state = 'completed')
            ORDER BY sc.score_id, s.completed_at DESC, s.id DESC;
          $$;

        -- Every week of every respondent again, after sessions were written in bulk: the same
        -- rows refresh_week keeps, in one statement.
        CREATE FUNCTION coach.rebuild_weeks() RETURNS void
          LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, coach
          AS $$
            DELETE FROM coach.week_score;
            INSERT INTO coach.week_score (subject_id, week, survey_id, score_id, team_id, kind, session_id, value)
            SELECT DISTINCT ON (s.subject_id, coach.week_of(s.completed_at), s.survey_id, sc.score_id)
                   s.subject_id, coach.week_of(s.completed_at), s.survey_id, sc.score_id, coalesce(p.team_id, 0), s.kind,
                   s.id, sc.value
            FROM coach.session s JOIN coach.score sc ON sc.session_id = s.id JOIN coach.person p ON p.id = s.subject_id
            WHERE s.state = 'completed' AND NOT s.draft AND s.kind <> 'one-on-one' AND sc.value IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM coach.session n WHERE n.supersedes_id = s.id AND n.state = 'completed')
            ORDER BY s.subject_id, coach.week_of(s.completed_at), s.survey_id, sc.score_id, s.completed_at DESC, s.id DESC;
          $$;

        CREATE FUNCTION coach.session_completed() RETURNS trigger
          LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, coach
          AS $$
          DECLARE older timestamptz;
          BEGIN
            IF NEW.draft OR NEW.kind = 'one-on-one' THEN RETURN NULL; END IF;
            PERFORM coach.refresh_week(NEW.subject_id, NEW.survey_id, coach.week_of(NEW.completed_at));
            IF NEW.supersedes_id IS NOT NULL THEN
              SELECT completed_at INTO older FROM coach.session WHERE id = NEW.supersedes_id AND state = 'completed';
              IF older IS NOT NULL AND coach.week_of(older) <> coach.week_of(NEW.completed_at) THEN
                PERFORM coach.refresh_week(NEW.subject_id, NEW.survey_id, coach.week_of(older));
              END IF;
            END IF;
            RETURN NULL;
          END $$;
        CREATE TRIGGER session_completed AFTER UPDATE OF state ON coach.session
          FOR EACH ROW WHEN (NEW.state = 'completed' AND OLD.state IS DISTINCT FROM 'completed')
          EXECUTE FUNCTION coach.session_completed();

        -- The weeks of a team (p_team, or everyone when null) the caller may see: only weeks
        -- that have ended everywhere (26 hours after their end, on the server's clock), as
        -- frozen when first read; a group shown only with at least the minimum of respondents,
        -- and only when subtracting the shown groups and what the caller sees one by one leaves
        -- none or at least the minimum. p_surveys and p_scores pair up; an empty score means all.
        -- Sums add in the local store's order (a team's people by id, then the teams by id), so
        -- both engines give the same last digit.
        CREATE FUNCTION coach.team_weeks(p_team bigint, p_weeks text[], p_surveys text[], p_scores text[],
                                         p_min_group integer)
          RETURNS TABLE (week text, survey_id text, score_id text, mean double precision, respondents integer)
          LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, coach
          AS $$
          #variable_conflict use_column
          DECLARE
            viewer coach.person;
            minimum integer;
            last_ended text;
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
            RETURN QUERY
              WITH wanted AS (
                SELECT u.survey, nullif(u.score, '') AS score FROM unnest(p_surveys, p_scores) AS u (survey, score)
              ), cells AS (
                SELECT f.* FROM coach.team_week_frozen f
                WHERE f.week = ANY (p_weeks) AND f.week <= last_ended
                  AND EXISTS (SELECT 1 FROM wanted x WHERE x.survey = f.survey_id AND (x.score IS NULL OR x.score = f.score_id))
              ), known AS (
                SELECT w.week, w.survey_id, w.score_id, w.team_id, count(*)::integer AS n
                FROM coach.week_score w JOIN coach.session s ON s.id = w.session_id
                WHERE w.subject_id IN (SELECT r.id FROM coach.person r WHERE r.id = viewer.id OR r.manager_id = viewer.id)
                  AND w.week = ANY (p_weeks) AND \(sessionVisible("s."))
                GROUP BY 1, 2, 3, 4
              ), counted AS (
                SELECT c.week, c.survey_id, c.score_id, c.team_id, c.respondents, c.total,
                       CASE WHEN viewer.role = 'hr' AND c.kind IN ('quiz', 'feedback') THEN c.respondents
                            ELSE least(c.respondents, coalesce(k.n, 0)) END AS known
                FROM cells c LEFT JOIN known k
                  ON k.week = c.week AND k.survey_id = c.survey_id AND k.score_id = c.score_id AND k.team_id = c.team_id
              ), totals AS (
                SELECT c.week, c.survey_id, c.score_id, sum(c.respondents)::integer AS n, sum(c.known)::integer AS known,
                       sum(c.total ORDER BY c.team_id) AS total
                FROM counted c GROUP BY 1, 2, 3
              ), teams AS (
                SELECT c.*, t.n AS all_n,
                       c.team_id <> 0 AND c.respondents >= minimum
                         AND (c.respondents = c.known OR c.respondents - c.known >= minimum) AS shown
                FROM counted c JOIN totals t ON t.week = c.week AND t.survey_id = c.survey_id AND t.score_id = c.score_id
              ), covered AS (
                SELECT g.week, g.survey_id, g.score_id, sum(g.respondents - g.known) AS n
                FROM teams g WHERE g.shown AND g.respondents < g.all_n GROUP BY 1, 2, 3
              ), everyone AS (
                SELECT t.week, t.survey_id, t.score_id, t.n, t.total, t.n - t.known - coalesce(c.n, 0) AS remainder
                FROM totals t LEFT JOIN covered c ON c.week = t.week AND c.survey_id = t.survey_id AND c.score_id = t.score_id
              )
              SELECT g.week, g.survey_id, g.score_id, g.total / g.respondents, g.respondents
              FROM teams g WHERE p_team IS NOT NULL AND g.team_id = p_team AND g.shown
              UNION ALL
              SELECT e.week, e.survey_id, e.score_id, e.total / e.n, e.n
              FROM everyone e
              WHERE p_team IS NULL AND e.n >= minimum AND (e.remainder = 0 OR e.remainder >= minimum)
              ORDER BY 2, 3, 1;
          END $$;

        -- Cronbach's α of a score's items and the SD of its values, over each person's latest
        -- completed session of p_survey: only with at least 30 people who answered every item.
        -- p_lows and p_highs give each item's range, used to reverse the p_reverse items.
        CREATE FUNCTION coach.compute_reliability(p_survey text, p_score text, p_items text[], p_reverse boolean[],
                                                  p_lows double precision[], p_highs double precision[])
          RETURNS TABLE (alpha double precision, sd double precision, respondents integer)
          LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, coach
          AS $$
            WITH latest AS (
              SELECT (SELECT s.id FROM coach.session s WHERE s.subject_id = p.id AND s.survey_id = p_survey
                        AND s.state = 'completed' ORDER BY s.completed_at DESC LIMIT 1) AS id
              FROM coach.person p
            ), scored AS (
              SELECT sc.session_id, sc.value FROM coach.score sc
              WHERE sc.session_id IN (SELECT id FROM latest) AND sc.score_id = p_score AND sc.value IS NOT NULL
            ), items AS (
              SELECT a.session_id, i.n AS item,
                     CASE WHEN p_reverse[i.n] THEN p_lows[i.n] + p_highs[i.n] - (a.value::jsonb ->> 'value')::double precision
                          ELSE (a.value::jsonb ->> 'value')::double precision END AS value
              FROM coach.answer a
              JOIN unnest(p_items) WITH ORDINALITY AS i (question, n) ON i.question = a.question_id
              WHERE a.session_id IN (SELECT session_id FROM scored)
                AND jsonb_typeof(a.value::jsonb -> 'value') = 'number'
            ), complete AS (
              SELECT session_id, sum(value) AS total FROM items GROUP BY session_id
              HAVING count(*) = cardinality(p_items)
            ), figures AS (
              SELECT (SELECT count(*) FROM complete)::integer AS n,
                     (SELECT var_samp(total) FROM complete) AS total_variance,
                     (SELECT sum(v) FROM (SELECT var_samp(value) AS v FROM items WHERE session_id IN (SELECT session_id FROM complete)
                                         GROUP BY item) per_item) AS item_variances,
                     (SELECT stddev_samp(value) FROM scored) AS sd,
                     (SELECT count(*) FROM scored) AS scored
            )
            SELECT cardinality(p_items)::double precision / (cardinality(p_items) - 1) * (1 - item_variances / total_variance),
                   sd, n
            FROM figures
            WHERE cardinality(p_items) >= 2 AND n >= 30 AND scored >= 30 AND total_variance > 0;
          $$;

        -- HR runs a quiz for a rep: its training follow-up goes on the rep's agenda, which HR
        -- writes and never reads.
        DROP POLICY agenda_write ON coach.agenda_item;
        CREATE POLICY agenda_write ON coach.agenda_item FOR INSERT
          WITH CHECK (person_id = coach.me() OR coach.manages(person_id) OR (coach.my_role() = 'hr' AND source = 'training'));

        -- The survey version the latest completed session of a survey ran (a version, no one's
        -- data), whoever may see that session.
        CREATE FUNCTION coach.latest_survey_hash(p_survey text) RETURNS text
          LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, coach
          AS $$
            SELECT survey_hash FROM coach.session WHERE survey_id = p_survey AND state = 'completed' AND NOT draft
            ORDER BY completed_at DESC LIMIT 1
          $$;

        -- The figures are kept a day per survey version, score and item list (as the local store
        -- keeps them): computing them reads everyone's latest session.
        CREATE TABLE coach.score_reliability (
          survey_hash text NOT NULL,
          score_id text NOT NULL,
          items text NOT NULL,
          alpha double precision,
          sd double precision,
          respondents integer NOT NULL,
          computed_at timestamptz NOT NULL,
          PRIMARY KEY (survey_hash, score_id, items)
        );
        ALTER TABLE coach.score_reliability ENABLE ROW LEVEL SECURITY;
        CREATE FUNCTION coach.reliability(p_hash text, p_survey text, p_score text, p_items text[], p_reverse boolean[],
                                          p_lows double precision[], p_highs double precision[])
          RETURNS TABLE (alpha double precision, sd double precision, respondents integer)
          LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, coach
          AS $$
          #variable_conflict use_column
          DECLARE
            key text := md5(array_to_string(p_items, ',') || '|' || array_to_string(p_reverse, ',') || '|'
                            || array_to_string(p_lows, ',') || '|' || array_to_string(p_highs, ','));
            cached coach.score_reliability;
          BEGIN
            SELECT * INTO cached FROM coach.score_reliability r
            WHERE r.survey_hash = p_hash AND r.score_id = p_score AND r.items = key AND r.computed_at > now() - interval '1 day';
            IF NOT FOUND THEN
              INSERT INTO coach.score_reliability AS r (survey_hash, score_id, items, alpha, sd, respondents, computed_at)
                SELECT p_hash, p_score, key, f.alpha, f.sd, coalesce(f.respondents, 0), now()
                FROM (SELECT 1) one LEFT JOIN coach.compute_reliability(p_survey, p_score, p_items, p_reverse, p_lows, p_highs) f
                  ON true
              ON CONFLICT (survey_hash, score_id, items) DO UPDATE SET alpha = excluded.alpha, sd = excluded.sd,
                respondents = excluded.respondents, computed_at = excluded.computed_at
              RETURNING * INTO cached;
            END IF;
            IF cached.alpha IS NOT NULL THEN
              RETURN QUERY SELECT cached.alpha, cached.sd, cached.respondents;
            END IF;
          END $$;

        REVOKE ALL ON FUNCTION coach.week_of(timestamptz), coach.refresh_week(bigint, text, text), coach.rebuild_weeks(),
          coach.team_weeks(bigint, text[], text[], text[], integer),
          coach.compute_reliability(text, text, text[], boolean[], double precision[], double precision[]),
          coach.reliability(text, text, text, text[], boolean[], double precision[], double precision[]) FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION coach.team_weeks(bigint, text[], text[], text[], integer) TO coach_manager, coach_hr;
        GRANT EXECUTE ON FUNCTION coach.latest_survey_hash(text) TO coach_rep, coach_manager, coach_hr;
        -- The id of the session a login just started (currval), which its read policy cannot show yet.
        GRANT SELECT ON SEQUENCE coach.session_id_seq TO coach_rep, coach_manager, coach_hr;
        GRANT EXECUTE ON FUNCTION coach.reliability(text, text, text, text[], boolean[], double precision[], double precision[])
          TO coach_rep, coach_manager, coach_hr;
        """
}
