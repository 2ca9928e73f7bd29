package dev.ondine.arquillian.app;

import java.util.EventListener;

/** Stands for a servlet-container component: it implements a type of a jakarta.servlet package. */
public class NotAServlet implements jakarta.servlet.http.HttpSessionListener, EventListener {
}
