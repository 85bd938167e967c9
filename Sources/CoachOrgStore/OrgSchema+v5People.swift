extension OrgSchema {
    /// Version 5, part: people gain an optional e-mail, unique regardless of case, as the local
    /// store's v10 has it. It is set through `coach.set_person_email`, by the rule of adding
    /// that person: HR anyone's, a manager their own reps'.
    static let v5People = """
        ALTER TABLE coach.person ADD COLUMN email text
          CHECK (email IS NULL OR email ~ '^[!-~]+@[!-~]+$');
        CREATE UNIQUE INDEX person_on_lower_email ON coach.person (lower(email)) WHERE email IS NOT NULL;

        CREATE FUNCTION coach.set_person_email(p_person bigint, p_email text) RETURNS void
          LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, coach
          AS $$
          DECLARE
            actor coach.person;
            subject coach.person;
          BEGIN
            SELECT * INTO actor FROM coach.person WHERE login = session_user;
            IF actor.id IS NULL THEN
              RAISE EXCEPTION 'login % is not a person in this organisation', session_user USING ERRCODE = '42501';
            END IF;
            SELECT * INTO subject FROM coach.person WHERE id = p_person;
            IF subject.id IS NULL THEN
              RAISE EXCEPTION 'no person with id %', p_person USING ERRCODE = 'P0002';
            END IF;
            IF NOT (actor.role = 'hr' OR (actor.role = 'manager' AND subject.role = 'rep' AND subject.manager_id = actor.id)) THEN
              RAISE EXCEPTION 'only HR or %''s manager can change their e-mail', subject.name USING ERRCODE = '42501';
            END IF;
            UPDATE coach.person SET email = p_email WHERE id = p_person;
          END $$;
        REVOKE ALL ON FUNCTION coach.set_person_email(bigint, text) FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION coach.set_person_email(bigint, text) TO coach_manager, coach_hr;
        """
}
