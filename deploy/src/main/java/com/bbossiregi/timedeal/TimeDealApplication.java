package com.bbossiregi.timedeal;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Both sides in one process: the command API, the sagas, the read models and the query API. */
@SpringBootApplication
public class TimeDealApplication {

    public static void main(String[] args) {
        SpringApplication.run(TimeDealApplication.class, args);
    }
}
