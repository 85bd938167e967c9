extension OrgSchema {
    /// Version 1, part three: what the group roles may touch, and the two ways a login comes to
    /// be: `coach.add_person` (HR adds anyone, a manager adds reps to their own team) and
    /// `coach.set_my_password`. Both take a SCRAM-SHA-256 verifier computed by coach, never a
    /// password, so no password reaches the server, its log or `pg_stat_statements`.
    static let v1Access = """
        GRANT USAGE ON SCHEMA coach TO coach_rep, coach_manager, coach_hr;
        GRANT SELECT ON coach.schema_migration, coach.team, coach.person, coach.survey_version,
          coach.survey_scoring, coach.published_survey, coach.session, coach.answer, coach.question_mark,
          coach.visible_score, coach.goal, coach.kpi_actual, coach.action_item, coach.agenda_item,
          coach.org_setting
          TO coach_rep, coach_manager, coach_hr;
        GRANT INSERT ON coach.survey_version, coach.survey_scoring, coach.session, coach.answer, coach.score,
          coach.question_mark, coach.action_item, coach.agenda_item
          TO coach_rep, coach_manager, coach_hr;
        GRANT UPDATE (state, updated_at, completed_at, claimed_by, quiz_layout, phase) ON coach.session
          TO coach_rep, coach_manager, coach_hr;
        GRANT UPDATE (value, is_private, position, answered_at) ON coach.answer TO coach_rep, coach_manager, coach_hr;
        GRANT DELETE ON coach.answer, coach.score, coach.question_mark TO coach_rep, coach_manager, coach_hr;
        GRANT UPDATE (status, closed_at, closed_session_id, carried_count, due, owner_id, text) ON coach.action_item
          TO coach_rep, coach_manager, coach_hr;
        GRANT UPDATE (status, discussed_session_id, note, carried_count, not_before) ON coach.agenda_item
          TO coach_rep, coach_manager, coach_hr;
        GRANT UPDATE (share_wellbeing, share_since) ON coach.person TO coach_rep, coach_manager, coach_hr;
        GRANT INSERT, UPDATE ON coach.goal, coach.kpi_actual TO coach_manager, coach_hr;
        GRANT INSERT, UPDATE ON coach.org_setting, coach.published_survey TO coach_hr;

        CREATE FUNCTION coach.valid_verifier(verifier text) RETURNS boolean
          LANGUAGE sql IMMUTABLE SET search_path = pg_catalog
          AS $$ SELECT verifier ~ '^SCRAM-SHA-256\\$[0-9]+:[A-Za-z0-9+/=]+\\$[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$' $$;

        -- Adds a person and their login, by the rules of the local store's addPerson: HR adds
        -- anyone; a manager adds reps only, to their own team, managed by themselves; a rep adds
        -- no one. The name and its look-alike key are checked by coach, and again here by the
        -- unique indexes. The password is valid for 7 days, until its owner sets their own.
        CREATE FUNCTION coach.add_person(p_name text, p_name_key text, p_role text, p_team text, p_team_key text,
                                         p_manager text, p_login text, p_verifier text)
          RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, coach
          AS $$
          DECLARE
            actor coach.person;
            team_row coach.team;
          BEGIN
            SELECT * INTO actor FROM coach.person WHERE login = session_user;
            IF actor.id IS NULL THEN
              RAISE EXCEPTION 'login % is not a person in this organisation', session_user USING ERRCODE = '42501';
            END IF;
            IF actor.role = 'rep' THEN
              RAISE EXCEPTION 'a rep cannot add people; ask your manager or HR' USING ERRCODE = '42501';
            END IF;
            IF actor.role = 'manager' THEN
              IF p_role <> 'rep' THEN
                RAISE EXCEPTION 'a manager can add reps only; ask HR to add a %', p_role USING ERRCODE = '42501';
              END IF;
              IF p_manager IS NOT NULL AND lower(p_manager) <> lower(actor.name) THEN
                RAISE EXCEPTION 'a manager adds reps with themselves as manager, not %', p_manager USING ERRCODE = '42501';
              END IF;
              p_manager := actor.name;
              SELECT * INTO team_row FROM coach.team WHERE id = actor.team_id;
              IF p_team IS NOT NULL AND lower(p_team) IS DISTINCT FROM lower(team_row.name) THEN
                RAISE EXCEPTION 'a manager adds reps to their own team only, not %', p_team USING ERRCODE = '42501';
              END IF;
              p_team := team_row.name;
              p_team_key := team_row.name_key;
            END IF;
            RETURN coach.insert_person(p_name, p_name_key, p_role, p_team, p_team_key, p_manager, p_login, p_verifier);
          END $$;

        -- The insert behind add_person and the first HR person of `org init`: team found or
        -- created, manager checked, defaults as the local store has them, then the login.
        CREATE FUNCTION coach.insert_person(p_name text, p_name_key text, p_role text, p_team text, p_team_key text,
                                            p_manager text, p_login text, p_verifier text)
          RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, coach
          AS $$
          DECLARE
            boss coach.person;
            team_row coach.team;
            new_id bigint;
          BEGIN
            IF p_login !~ '^[a-z_][a-z0-9_.-]{0,62}$' OR p_login LIKE 'pg\\_%' OR p_login LIKE 'coach\\_%' THEN
              RAISE EXCEPTION 'login % is not allowed: use lower-case letters, digits, _ . - (not pg_ or coach_ first)', p_login
                USING ERRCODE = '22023';
            END IF;
            IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = p_login) THEN
              RAISE EXCEPTION 'login % is already a role on this server', p_login USING ERRCODE = '42710';
            END IF;
            IF p_verifier IS NULL OR NOT coach.valid_verifier(p_verifier) THEN
              RAISE EXCEPTION 'a login takes a SCRAM-SHA-256 verifier, never a password' USING ERRCODE = '22023';
            END IF;
            IF p_manager IS NOT NULL THEN
              SELECT * INTO boss FROM coach.person WHERE lower(name) = lower(p_manager);
              IF boss.id IS NULL THEN
                RAISE EXCEPTION 'no person named %', p_manager USING ERRCODE = 'P0002';
              END IF;
              IF boss.role <> 'manager' THEN
                RAISE EXCEPTION '% is not a manager', boss.name USING ERRCODE = '22023';
              END IF;
            END IF;
            IF p_team IS NOT NULL THEN
              SELECT * INTO team_row FROM coach.team WHERE name_key = p_team_key;
              IF team_row.id IS NULL THEN
                INSERT INTO coach.team (name, name_key) VALUES (p_team, p_team_key) RETURNING * INTO team_row;
              END IF;
            ELSIF p_role = 'rep' AND boss.team_id IS NOT NULL THEN
              SELECT * INTO team_row FROM coach.team WHERE id = boss.team_id;
            END IF;
            IF boss.id IS NULL AND p_role = 'rep' AND team_row.manager_id IS NOT NULL THEN
              SELECT * INTO boss FROM coach.person WHERE id = team_row.manager_id;
            END IF;
            INSERT INTO coach.person (name, name_key, role, team_id, manager_id, login)
              VALUES (p_name, p_name_key, p_role, team_row.id, boss.id, p_login) RETURNING id INTO new_id;
            IF p_role = 'manager' AND team_row.id IS NOT NULL AND team_row.manager_id IS NULL THEN
              UPDATE coach.team SET manager_id = new_id WHERE id = team_row.id;
            END IF;
            EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L VALID UNTIL %L IN ROLE %I',
                           p_login, p_verifier, (now() + interval '7 days')::text, 'coach_' || p_role);
            RETURN new_id;
          END $$;

        -- A person sets their own password (a verifier), valid until they change it again.
        CREATE FUNCTION coach.set_my_password(p_verifier text) RETURNS void
          LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, coach
          AS $$
          BEGIN
            IF coach.me() IS NULL THEN
              RAISE EXCEPTION 'login % is not a person in this organisation', session_user USING ERRCODE = '42501';
            END IF;
            IF p_verifier IS NULL OR NOT coach.valid_verifier(p_verifier) THEN
              RAISE EXCEPTION 'a password is set with a SCRAM-SHA-256 verifier, never as text' USING ERRCODE = '22023';
            END IF;
            EXECUTE format('ALTER ROLE %I PASSWORD %L VALID UNTIL %L', session_user, p_verifier, 'infinity');
            UPDATE coach.person SET password_set_at = now() WHERE login = session_user;
          END $$;

        REVOKE ALL ON FUNCTION coach.me(), coach.my_role(), coach.manages(bigint), coach.session_visible(bigint),
          coach.answer_visible(bigint, boolean), coach.authors(bigint, boolean), coach.valid_verifier(text),
          coach.add_person(text, text, text, text, text, text, text, text),
          coach.insert_person(text, text, text, text, text, text, text, text),
          coach.set_my_password(text) FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION coach.me(), coach.my_role(), coach.manages(bigint), coach.session_visible(bigint),
          coach.answer_visible(bigint, boolean), coach.authors(bigint, boolean), coach.valid_verifier(text),
          coach.set_my_password(text) TO coach_rep, coach_manager, coach_hr;
        GRANT EXECUTE ON FUNCTION coach.add_person(text, text, text, text, text, text, text, text)
          TO coach_manager, coach_hr;
        """
}
