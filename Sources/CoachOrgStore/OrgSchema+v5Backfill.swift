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
        """
}
